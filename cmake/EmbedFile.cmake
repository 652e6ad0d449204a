# embed_file(INPUT SYMBOL OUTPUT): compiles INPUT's bytes into a std::string_view named newsnorm::SYMBOL,
# so the binary carries its defaults and runs from any folder.
function(embed_file input symbol output)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DSYMBOL=${symbol} -DOUTPUT=${output}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/EmbedFileScript.cmake
    DEPENDS ${input} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/EmbedFileScript.cmake
    COMMENT "Embedding ${input}")
endfunction()
