# bench_web: the in-process half of bench/bench_web.sh. Include from bench/CMakeLists.txt with
# `include(bench_web.cmake)`; until then bench_web.sh configures its build with
# -DCMAKE_PROJECT_INCLUDE=bench/bench_web.cmake, and this file defers itself to the end of the
# top-level directory, when the libraries it links exist.
if(NOT TARGET berkas_service AND NOT BERKAS_BENCH_WEB_DEFERRED)
  set(BERKAS_BENCH_WEB_DEFERRED ON)
  # The arguments of a deferred call are expanded when it runs: keep the path in a variable.
  set(BERKAS_BENCH_WEB_FILE ${CMAKE_CURRENT_LIST_FILE})
  cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL include ${BERKAS_BENCH_WEB_FILE})
  return()
endif()
if(TARGET berkas_service AND TARGET berkas_bench_data AND NOT TARGET bench_web)
  add_executable(bench_web ${CMAKE_CURRENT_LIST_DIR}/bench_web.cpp)
  target_link_libraries(bench_web PRIVATE berkas_bench_data berkas_service berkas_flags Threads::Threads)
  # build/bench/bench_web whichever way this file was included.
  set_target_properties(bench_web PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
endif()
