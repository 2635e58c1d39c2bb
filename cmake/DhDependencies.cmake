# Every dependency is a Debian 12 package (see scripts/lib/deps.sh); nothing is downloaded.
find_package(Boost 1.81 REQUIRED COMPONENTS json url)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

# Asio and Beast are compiled once, in src/net/asio_impl.cpp; every target that includes
# them links dh::asio to agree on these definitions.
add_library(dh_asio INTERFACE)
add_library(dh::asio ALIAS dh_asio)
target_compile_definitions(dh_asio INTERFACE
  BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION
  BOOST_ASIO_NO_DEPRECATED)
target_link_libraries(dh_asio INTERFACE Boost::headers Threads::Threads)
