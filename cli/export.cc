#include "cli/export.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "review/export.h"

namespace harrier::cli {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

// The grade from the flags; InvalidArgument naming everything missing.
Result<review::Grading> GradingFrom(const ExportRequest& r) {
  review::Grading g;
  g.marking = r.marking;
  g.conditions = r.conditions;
  g.handling_instructions = r.handling_instructions;
  if (!r.grade.empty()) HARRIER_RETURN_IF_ERROR(ParseGrade(r.grade, &g));
  if (r.handling == "P" || r.handling == "C") g.handling_code = r.handling[0];
  Status st = review::ValidateGrading(g);
  if (!st.ok()) {
    return Status::InvalidArgument(st.message() +
                                   " (--grade 2B --handling P|C [--conditions TEXT])");
  }
  return g;
}

Result<review::ExportSelection> SelectionFrom(CommandContext& ctx, const ExportRequest& r) {
  review::ExportSelection sel;
  sel.document_ids = r.adverts;
  for (int64_t id : r.clusters) {
    Result<std::optional<store::ClusterDetail>> cluster = ctx.store.GetCluster(id);
    if (!cluster.ok()) return cluster.status();
    if (!cluster->has_value()) return Status::NotFound("no cluster " + std::to_string(id));
    for (const store::DocumentSummary& d : (*cluster)->documents) sel.document_ids.push_back(d.id);
  }
  for (const std::string& s : r.selectors) {
    size_t colon = s.find(':');
    std::optional<SelectorKind> kind =
        colon == std::string::npos ? std::nullopt : ParseSelectorKind(s.substr(0, colon));
    if (!kind) {
      return Status::InvalidArgument("--selector '" + s +
                                     "' is not KIND:VALUE (phone, email, postcode, place, "
                                     "wallet, handle, bank_account, iban)");
    }
    std::optional<std::string> value = ctx.extractor.Normalize(*kind, s.substr(colon + 1));
    if (!value) return Status::InvalidArgument("--selector '" + s + "': not a valid value");
    sel.selectors.emplace_back(*kind, *value);
  }
  sel.company_numbers = r.companies;
  if (r.depth < 0) return Status::InvalidArgument("--depth must be 0 or more");
  sel.company_depth = r.depth;
  if (sel.document_ids.empty() && sel.selectors.empty() && sel.company_numbers.empty()) {
    return Status::InvalidArgument(
        "nothing to export: give --advert ID, --cluster ID, --selector KIND:VALUE or "
        "--company NUMBER");
  }
  return sel;
}

Status CheckRequest(CommandContext& ctx, const ExportRequest& r) {
  std::string missing;
  if (ctx.reason.find_first_not_of(" \t") == std::string::npos) missing += " --reason";
  if (r.recipient.find_first_not_of(" \t") == std::string::npos) missing += " --recipient";
  if (r.out.empty()) missing += " --out";
  if (!missing.empty()) {
    return Status::InvalidArgument("an export is a disclosure and needs" + missing +
                                   "; nothing was written");
  }
  if (!review::ParseExportFormat(r.format)) {
    return Status::InvalidArgument("unknown export format '" + r.format +
                                   "' (i2-csv, anx, ftm, csv, report-html, report-pdf)");
  }
  return Status::Ok();
}

// The bytes in a private file (0600, O_EXCL) beside the destination.
Result<std::string> Stage(const std::string& out, const std::string& bytes) {
  std::string tmp =
      fs::path(out).parent_path().empty() ? "." : fs::path(out).parent_path().string();
  tmp += "/." + fs::path(out).filename().string() + ".partial-XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // mode 0600
  if (fd < 0) return Status::IoError("create " + tmp + ": " + ErrnoText(errno));
  std::string_view rest = bytes;
  Status st;
  while (!rest.empty() && st.ok()) {
    ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) st = Status::IoError("write " + tmp + ": " + ErrnoText(n == 0 ? ENOSPC : errno));
    if (n > 0) rest.remove_prefix(static_cast<size_t>(n));
  }
  if (st.ok() && ::fsync(fd) != 0) st = Status::IoError("sync " + tmp + ": " + ErrnoText(errno));
  ::close(fd);
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  return tmp;
}

Status Publish(const std::string& tmp, const std::string& out) {
  // RENAME_NOREPLACE: an earlier disclosure's file is never replaced.
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, out.c_str(), RENAME_NOREPLACE) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    if (err == EEXIST) return Status::Rejected("refusing to overwrite " + out);
    return Status::IoError("rename " + tmp + " to " + out + ": " + ErrnoText(err));
  }
  return Status::Ok();
}

}  // namespace

Status CmdExport(CommandContext& ctx, const ExportRequest& r) {
  HARRIER_RETURN_IF_ERROR(CheckRequest(ctx, r));
  Result<review::Grading> grading = GradingFrom(r);
  if (!grading.ok()) return grading.status();
  Result<review::ExportSelection> sel = SelectionFrom(ctx, r);
  if (!sel.ok()) return sel.status();
  struct stat sb;
  if (::lstat(r.out.c_str(), &sb) == 0) return Status::Rejected("refusing to overwrite " + r.out);
  review::ExportMeta meta{ctx.user, r.recipient, ctx.reason, ToUnixMillis(ctx.clock.WallNow())};
  Result<review::PreparedExport> prepared =
      review::PrepareExport(ctx.store, *sel, *review::ParseExportFormat(r.format), *grading, meta);
  if (!prepared.ok()) return prepared.status();
  Result<std::string> tmp = Stage(r.out, prepared->bytes);
  if (!tmp.ok()) return tmp.status();
  store::AuditEntry audit = prepared->audit;
  json detail = json::parse(audit.detail);
  detail["out"] = r.out;
  audit.detail = detail.dump(-1, ' ', false, json::error_handler_t::replace);
  Status st = ctx.store.AppendAudit(audit);
  if (!st.ok()) {
    ::unlink(tmp->c_str());
    return st.WithContext("record disclosure in the audit log (no export was written)");
  }
  st = Publish(*tmp, r.out);
  if (!st.ok()) return st.WithContext("publish export (the audit log records the attempt)");
  const size_t size = prepared->bytes.size();
  if (ctx.json) {
    ctx.out << json{{"out", r.out}, {"sha256", prepared->sha256}, {"size", size}}.dump(2) << '\n';
  } else {
    ctx.out << r.out << '\n' << "  " << prepared->sha256 << "  " << size << " bytes\n";
  }
  return Status::Ok();
}

}  // namespace harrier::cli
