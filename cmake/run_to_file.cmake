# Script mode: cmake -DOUTPUT=file "-DRUN=program;arg;..." -P run_to_file.cmake
# Runs RUN with its standard output in OUTPUT; a failure fails the build.
execute_process(COMMAND ${RUN} OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "${RUN} failed: ${result}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
