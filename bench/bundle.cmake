# bench_bundle: include from bench/CMakeLists.txt with `include(bundle.cmake)` (kept apart so the
# bundle module can land without touching the shared bench list).
if(TARGET berkas_bundle)
  add_executable(bench_bundle ${CMAKE_CURRENT_LIST_DIR}/bench_bundle.cpp)
  target_compile_definitions(bench_bundle PRIVATE BERKAS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_link_libraries(bench_bundle PRIVATE berkas_bundle berkas_flags)
endif()
