# Script mode: cmake -DOUTPUT=file "-DRUN=program;arg;..." -P run_to_file.cmake
# Runs RUN with its standard output in OUTPUT (its folder made first); a
# failure fails the build.
get_filename_component(folder ${OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${folder})
execute_process(COMMAND ${RUN} OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "${RUN} failed: ${result}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
