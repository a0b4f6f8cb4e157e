#include "cli/import.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "registry_import/basic_company_data.h"
#include "registry_import/chunk_source.h"
#include "registry_import/csv_reader.h"

namespace harrier::cli {

namespace {

using json = nlohmann::json;
using registry_import::ChunkSource;

double SecondsSince(const Clock& clock, SteadyTime start) {
  return std::chrono::duration<double>(clock.SteadyNow() - start).count();
}

// "bytes read / size, rows/s" on one rewritten stderr line, at most five
// times a second.
class Progress {
 public:
  Progress(const Clock& clock, int64_t size, bool enabled, std::ostream& err)
      : clock_(clock), size_(size), enabled_(enabled), err_(err), start_(clock.SteadyNow()) {}

  void Update(int64_t bytes, int64_t rows) {
    if (!enabled_) return;
    const SteadyTime now = clock_.SteadyNow();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double seconds = std::max(1e-9, SecondsSince(clock_, start_));
    char line[160];
    const double pct = size_ > 0 ? 100.0 * static_cast<double>(bytes) / size_ : 0;
    std::snprintf(line, sizeof line, "\r%6.1f%%  %.1f / %.1f MB  %lld rows  %.0f rows/s   ", pct,
                  bytes / 1e6, size_ / 1e6, static_cast<long long>(rows), rows / seconds);
    err_ << line << std::flush;
  }
  void Finish() {
    if (enabled_) err_ << "\n";
  }

 private:
  const Clock& clock_;
  int64_t size_;
  bool enabled_;
  std::ostream& err_;
  SteadyTime start_;
  SteadyTime last_{};
};

void ReportError(const ImportOptions& o, ImportSummary* s, const std::string& message,
                 std::ostream& err) {
  if (s->errors++ < o.max_reported_errors) {
    err << "harrier import: " << o.file << ": " << message << ", skipped\n";
  }
}

void Count(const std::vector<store::RegistryUpsert>& done, ImportSummary* s) {
  for (const store::RegistryUpsert& u : done) {
    ++s->imported;
    if (u.is_new) {
      ++s->new_records;
    } else if (u.changed) {
      ++s->changed;
    }
  }
}

}  // namespace

Result<ImportSummary> ImportCompaniesHouse(store::Store& store, std::istream& in, int64_t size,
                                           const Clock& clock, const ImportOptions& options,
                                           std::ostream& err) {
  const SteadyTime start = clock.SteadyNow();
  const int64_t now_ms = ToUnixMillis(clock.WallNow());
  ImportSummary s;
  s.kind = "companies-house";
  ChunkSource source(in);
  registry_import::CsvReader reader(source);
  registry_import::CsvRecord record;
  Result<bool> got = reader.Next(&record);
  if (!got.ok() || !*got) {
    return Status::InvalidArgument("not a BasicCompanyData file: no header line");
  }
  Result<registry_import::BasicCompanyDataMapper> mapper =
      registry_import::BasicCompanyDataMapper::FromHeader(record);
  if (!mapper.ok()) return mapper.status();
  Progress progress(clock, size, options.progress, err);
  std::vector<registry::Company> batch;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    Result<std::vector<store::RegistryUpsert>> done =
        store.UpsertCompanies(batch, store::RegistrySource::kBulk, now_ms);
    if (!done.ok()) return done.status().WithContext("import " + options.file);
    Count(*done, &s);
    batch.clear();
    return Status::Ok();
  };
  while (true) {
    got = reader.Next(&record);
    if (!got.ok()) {
      ++s.rows;
      ReportError(options, &s, got.status().message(), err);
      continue;
    }
    if (!*got) break;
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // a blank line
    ++s.rows;
    Result<registry::Company> company = mapper->Map(record);
    if (!company.ok()) {
      ReportError(options, &s, company.status().message(), err);
      continue;
    }
    batch.push_back(std::move(*company));
    if (static_cast<int>(batch.size()) >= options.batch_rows) {
      HARRIER_RETURN_IF_ERROR(flush());
      progress.Update(source.bytes(), s.rows);
    }
  }
  HARRIER_RETURN_IF_ERROR(flush());
  if (source.failed()) return Status::IoError("read " + options.file);
  progress.Update(source.bytes(), s.rows);
  progress.Finish();
  s.bytes = source.bytes();
  s.sha256 = source.Sha256Hex();
  s.seconds = SecondsSince(clock, start);
  return s;
}

Result<ImportSummary> ImportPscSnapshot(store::Store& store, std::istream& in, int64_t size,
                                        const Clock& clock, const ImportOptions& options,
                                        std::ostream& err) {
  using Kind = registry_import::PscSnapshotLine::Kind;
  const SteadyTime start = clock.SteadyNow();
  const int64_t now_ms = ToUnixMillis(clock.WallNow());
  ImportSummary s;
  s.kind = "psc-snapshot";
  ChunkSource source(in);
  registry_import::LineReader lines(source);
  Progress progress(clock, size, options.progress, err);
  std::vector<registry::Psc> batch;
  int64_t psc_lines = 0;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    Result<std::vector<store::RegistryUpsert>> done =
        store.UpsertPscs(batch, store::RegistrySource::kBulk, now_ms);
    if (!done.ok()) return done.status().WithContext("import " + options.file);
    Count(*done, &s);
    batch.clear();
    return Status::Ok();
  };
  std::string line;
  while (true) {
    Result<bool> got = lines.Next(&line);
    if (!got.ok()) {
      ++s.rows;
      ReportError(options, &s, got.status().message(), err);
      continue;
    }
    if (!*got) break;
    if (line.empty()) continue;
    Result<registry_import::PscSnapshotLine> parsed = registry_import::ParsePscSnapshotLine(line);
    if (!parsed.ok()) {
      ++s.rows;
      ReportError(options, &s,
                  "line " + std::to_string(lines.line_number()) + ": " + parsed.status().message(),
                  err);
      continue;
    }
    if (parsed->kind == Kind::kTotals) {
      s.totals_seen = true;
      s.totals = parsed->totals;
      continue;
    }
    ++s.rows;
    if (parsed->kind == Kind::kStatement) ++s.statements;
    if (parsed->kind == Kind::kExemptions) ++s.exemptions;
    if (parsed->kind == Kind::kOther) ++s.other;
    if (parsed->kind != Kind::kPsc) continue;
    ++psc_lines;
    batch.push_back(std::move(parsed->psc));
    if (static_cast<int>(batch.size()) >= options.batch_rows) {
      HARRIER_RETURN_IF_ERROR(flush());
      progress.Update(source.bytes(), s.rows);
    }
  }
  HARRIER_RETURN_IF_ERROR(flush());
  if (source.failed()) return Status::IoError("read " + options.file);
  progress.Update(source.bytes(), s.rows);
  progress.Finish();
  s.totals_match = s.totals_seen && s.totals.pscs == psc_lines &&
                   s.totals.statements == s.statements && s.totals.exemptions == s.exemptions;
  if (s.totals_seen && !s.totals_match) {
    err << "harrier import: " << options.file << ": the trailer counts " << s.totals.pscs
        << " PSCs, " << s.totals.statements << " statements, " << s.totals.exemptions
        << " exemptions; read " << psc_lines << ", " << s.statements << ", " << s.exemptions
        << "\n";
  } else if (!s.totals_seen) {
    err << "harrier import: " << options.file
        << ": no totals trailer (a part file, or the snapshot is truncated)\n";
  }
  s.bytes = source.bytes();
  s.sha256 = source.Sha256Hex();
  s.seconds = SecondsSince(clock, start);
  return s;
}

std::string ImportSummaryLine(const ImportSummary& s) {
  const char* what = s.kind == "psc-snapshot" ? "PSCs" : "companies";
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "imported %lld %s (%lld new, %lld changed) from %lld rows, %lld errors, %.1f MB "
                "in %.2f s: %.0f rows/s",
                static_cast<long long>(s.imported), what, static_cast<long long>(s.new_records),
                static_cast<long long>(s.changed), static_cast<long long>(s.rows),
                static_cast<long long>(s.errors), s.bytes / 1e6, s.seconds,
                s.seconds > 0 ? s.rows / s.seconds : 0.0);
  std::string line = buf;
  if (s.kind == "psc-snapshot") {
    line += "; " + std::to_string(s.statements) + " statements and " +
            std::to_string(s.exemptions) + " exemptions not stored; trailer " +
            (!s.totals_seen   ? "missing"
             : s.totals_match ? "matches"
                              : "DOES NOT match");
  }
  return line;
}

Status CmdImport(CommandContext& ctx, const ImportOptions& options, std::ostream& err) {
  if (options.kind != "companies-house" && options.kind != "psc-snapshot") {
    return Status::InvalidArgument("import what: companies-house or psc-snapshot, not '" +
                                   options.kind + "'");
  }
  std::ifstream in(options.file, std::ios::binary);
  if (!in.is_open()) return Status::NotFound("open " + options.file);
  std::error_code ec;
  const auto size = static_cast<int64_t>(std::filesystem::file_size(options.file, ec));
  Result<ImportSummary> s =
      options.kind == "companies-house"
          ? ImportCompaniesHouse(ctx.store, in, ec ? 0 : size, ctx.clock, options, err)
          : ImportPscSnapshot(ctx.store, in, ec ? 0 : size, ctx.clock, options, err);
  json detail = {{"file", std::filesystem::path(options.file).filename().string()},
                 {"kind", options.kind}};
  if (s.ok()) {
    detail["sha256"] = s->sha256;
    detail["rows"] = s->rows;
    detail["imported"] = s->imported;
    detail["errors"] = s->errors;
    if (s->totals_seen) detail["trailer_matches"] = s->totals_match;
  } else {
    detail["error"] = s.status().message();
  }
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "collection.import", "file:" + options.file, detail)
                              .WithContext("import " + options.file));
  if (!s.ok()) return s.status();
  if (ctx.json) {
    detail["new"] = s->new_records;
    detail["changed"] = s->changed;
    detail["bytes"] = s->bytes;
    detail["seconds"] = s->seconds;
    ctx.out << detail.dump() << "\n";
  } else {
    ctx.out << ImportSummaryLine(*s) << "\n";
  }
  return Status::Ok();
}

}  // namespace harrier::cli
