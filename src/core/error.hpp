// One error type with a place: every problem h2h reports about input names
// the file, line and column it was found at.
#pragma once

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "core/exit_code.hpp"

namespace h2h {

// 1-based line and column; 0 means "not known" (then it is not printed).
struct Place {
  std::string source;  // a file path, "-" for stdin, or "builtin:<deck>"
  int line = 0;
  int column = 0;
  // A worksheet's name: then the place prints as FILE:SHEET!CELL, with the
  // line as the row and the column as its letters (D14).
  std::string sheet = {};

  friend bool operator==(const Place&, const Place&) = default;
};

struct Problem {
  Place place;
  std::string message;
};

// "FILE:LINE:COLUMN: message", "FILE:SHEET!CELL: message" in a workbook, or
// "h2h: error: message" without a source.
std::string format_problem(const Problem& p);

// Sorts by source, line and column; keeps the order of equal places.
void sort_problems(std::vector<Problem>& problems);

// Thrown for anything that stops a command. Carries the exit code and one
// or more problems; printed once, at the top (cli/app.cpp).
class Error : public std::exception {
 public:
  Error(ExitCode code, std::vector<Problem> problems)
      : code_(code), problems_(std::move(problems)) {}
  Error(ExitCode code, std::string message)
      : code_(code), problems_{{Place{}, std::move(message)}} {}
  Error(ExitCode code, Place place, std::string message)
      : code_(code), problems_{{std::move(place), std::move(message)}} {}

  ExitCode code() const { return code_; }
  const std::vector<Problem>& problems() const { return problems_; }
  const char* what() const noexcept override {
    return problems_.empty() ? "error" : problems_.front().message.c_str();
  }

 private:
  ExitCode code_;
  std::vector<Problem> problems_;
};

}  // namespace h2h
