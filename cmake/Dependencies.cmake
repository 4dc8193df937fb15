# Every dependency comes from Debian 12's packages (scripts/install-deps.sh).

# Debian's Poco::DataPostgreSQL links PostgreSQL::client, which nothing
# defines: provide it before asking for Poco (see docs/debian-notes in README).
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(Poco REQUIRED COMPONENTS Foundation Net NetSSL Util JSON Data DataSQLite DataPostgreSQL Crypto)
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem)
find_package(yaml-cpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
