# The git description is captured at configure time and written into every output file as
# provenance. A dirty tree is marked "-dirty" so that unreproducible numbers are visible.
find_package(Git QUIET)
set(DHN_GIT_DESCRIBE "unknown")
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --tags
                  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                  OUTPUT_VARIABLE _desc OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _desc)
    set(DHN_GIT_DESCRIBE "${_desc}")
  endif()
endif()
