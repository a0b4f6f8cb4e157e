#include "registry/api_key.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace harrier::registry {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

void ReplaceAll(std::string& s, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) {
    s.replace(at, what.size(), with);
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

Result<std::string> CheckKey(std::string_view key, std::string_view where) {
  for (char c : key) {
    if (c == ':' || static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return Status::InvalidArgument("companies house key from " + std::string(where) +
                                     " has a space, control character or ':'");
    }
  }
  return std::string(key);
}

}  // namespace

std::string BasicAuthHeader(std::string_view key) {
  std::string credential(key);
  credential += ':';
  return "Basic " + Base64(credential);
}

std::string RedactKey(std::string_view text, std::string_view key) {
  std::string out(text);
  if (key.empty()) return out;
  std::string credential(key);
  credential += ':';
  ReplaceAll(out, Base64(credential), "[redacted]");
  ReplaceAll(out, key, "[redacted]");
  return out;
}

Result<std::string> LoadApiKey(std::string_view config_value, const std::string& env_file_path,
                               std::string_view variable) {
  if (!config_value.empty()) return CheckKey(Trim(config_value), "config");
  if (env_file_path.empty()) return Status::NotFound("no companies house key: none configured");
  struct stat st {};
  if (stat(env_file_path.c_str(), &st) != 0) {
    return Status::NotFound("companies house key file " + env_file_path + ": not found");
  }
  if (!S_ISREG(st.st_mode)) {
    return Status::Rejected("companies house key file " + env_file_path + ": not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Status::Rejected("companies house key file " + env_file_path + " has mode " + mode +
                            "; it must be readable by its owner only (chmod 600)");
  }
  std::ifstream in(env_file_path);
  if (!in) return Status::IoError("read companies house key file " + env_file_path);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view l = Trim(line);
    if (l.empty() || l.front() == '#') continue;
    size_t eq = l.find('=');
    if (eq == std::string_view::npos || Trim(l.substr(0, eq)) != variable) continue;
    std::string_view value = Trim(l.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (value.empty()) break;
    return CheckKey(value, env_file_path);
  }
  return Status::NotFound("companies house key file " + env_file_path + ": no " +
                          std::string(variable) + "= line");
}

}  // namespace harrier::registry
