# h2h_embed(OUTPUT FILE...): generates OUTPUT, a C++ source defining
# h2h::embedded::files(), one entry per FILE (its base name and its bytes).
# The generation runs at build time, so editing a deck rebuilds the binary.
function(h2h_embed output)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} "-DINPUTS=${ARGN}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding decks and catalogs"
    VERBATIM)
endfunction()
