# Every third-party library Harrier uses, found once, as imported targets.
# The Debian packages that provide them are listed in deps/apt-packages.txt.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# SHA-256 of evidence (core/sha256), and TLS for the test servers.
pkg_check_modules(CRYPTO REQUIRED IMPORTED_TARGET libcrypto)
pkg_check_modules(OPENSSL REQUIRED IMPORTED_TARGET openssl)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
# Keccak-256 for Ethereum's EIP-55 address checksum (extractors/wallet_extractor).
pkg_check_modules(CRYPTOPP REQUIRED IMPORTED_TARGET libcrypto++)
# Content decoding of fetched bodies (gzip/deflate, brotli) and WARC gzip members.
pkg_check_modules(BROTLIDEC REQUIRED IMPORTED_TARGET libbrotlidec)
find_package(ZLIB REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(GTest REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)

# libphonenumber ships no CMake or pkg-config file in Debian 12.
find_library(PHONENUMBER_LIB phonenumber REQUIRED)
find_library(PHONENUMBER_GEOCODING_LIB geocoding REQUIRED)
find_path(PHONENUMBER_INCLUDE phonenumbers/phonenumberutil.h REQUIRED)
add_library(phonenumber::phonenumber INTERFACE IMPORTED)
target_link_libraries(phonenumber::phonenumber INTERFACE ${PHONENUMBER_LIB})
target_include_directories(phonenumber::phonenumber INTERFACE ${PHONENUMBER_INCLUDE})

# cpp-httplib: header plus Debian's compiled library; used by the test
# harness (loopback servers) and later by the review UI.
find_library(HTTPLIB_LIB cpp-httplib REQUIRED)
find_path(HTTPLIB_INCLUDE httplib.h REQUIRED)
add_library(httplib::httplib INTERFACE IMPORTED)
# Debian builds the library with these (cpp-httplib.pc); code that includes
# httplib.h must see the same ones or its classes have another layout.
pkg_check_modules(BROTLIENC REQUIRED IMPORTED_TARGET libbrotlienc)
target_compile_definitions(httplib::httplib INTERFACE CPPHTTPLIB_OPENSSL_SUPPORT
  CPPHTTPLIB_ZLIB_SUPPORT CPPHTTPLIB_BROTLI_SUPPORT)
target_link_libraries(httplib::httplib INTERFACE ${HTTPLIB_LIB} Threads::Threads
  PkgConfig::OPENSSL ZLIB::ZLIB PkgConfig::BROTLIENC PkgConfig::BROTLIDEC)
target_include_directories(httplib::httplib INTERFACE ${HTTPLIB_INCLUDE})

# harrierd, the harrier command and the extraction benchmark allocate a few
# hundred small strings and vectors per advert (selectors, snippets, regex
# matches). tcmalloc's per-thread caches make extraction about 6 % faster
# than glibc's malloc on the demo adverts (docs/benchmarks.md, "Fifth
# pass"). Not with the sanitizers or the fuzzers, which bring their own
# allocator. Targets link harrier_allocator; HARRIER_ALLOCATOR names it.
option(HARRIER_TCMALLOC "Link harrierd, harrier and the extraction benchmark with tcmalloc" ON)
add_library(harrier_allocator INTERFACE)
if(HARRIER_TCMALLOC AND NOT HARRIER_SANITIZE AND NOT HARRIER_FUZZ)
  pkg_check_modules(TCMALLOC REQUIRED IMPORTED_TARGET libtcmalloc_minimal)
  target_link_libraries(harrier_allocator INTERFACE PkgConfig::TCMALLOC)
  target_compile_definitions(harrier_allocator INTERFACE HARRIER_ALLOCATOR="tcmalloc")
else()
  target_compile_definitions(harrier_allocator INTERFACE HARRIER_ALLOCATOR="glibc malloc")
endif()
