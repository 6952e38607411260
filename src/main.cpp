#include "cli/app.hpp"

int main(int argc, char** argv) {
  return h2h::cli::run_app(argc, argv);
}
