#include "cli/evidence.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <system_error>

#include "core/sha256.h"

#ifndef HARRIER_VERSION
#define HARRIER_VERSION "unknown"
#endif

namespace harrier::cli {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr char kRecordsName[] = "records.warc.gz";
constexpr size_t kHeadMax = 64 * 1024;  // WARC named fields are far shorter

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

std::string Utc(int64_t ms) { return FormatUtc(FromUnixMillis(ms)); }

// The bundle reads WARC spans itself rather than through scrapers/'s
// ReadWarcSpan: cli/ may not depend on scrapers/ (DESIGN.md), and reading a
// byte range is all it needs. O_NOFOLLOW and the size check match it.
Result<std::string> ReadRange(const std::string& path, int64_t offset, int64_t length) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return Status::IoError("open " + path + ": " + ErrnoText(errno));
  struct stat sb;
  std::string out;
  Status st;
  if (::fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    st = Status::IoError("read " + path + ": not a regular file");
  } else if (offset < 0 || length < 0 || offset > sb.st_size || length > sb.st_size - offset) {
    st = Status::Corrupt("read " + path + ": " + std::to_string(offset) + "+" +
                         std::to_string(length) + " is outside the file (" +
                         std::to_string(sb.st_size) + " bytes)");
  } else {
    out.resize(static_cast<size_t>(length));
    for (size_t got = 0; got < out.size() && st.ok();) {
      ssize_t n = ::pread(fd, out.data() + got, out.size() - got, offset + got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) st = Status::IoError("read " + path + ": " + ErrnoText(n == 0 ? EIO : errno));
      if (n > 0) got += static_cast<size_t>(n);
    }
  }
  ::close(fd);
  if (!st.ok()) return st;
  return out;
}

Result<int64_t> FileSize(const std::string& path) {
  struct stat sb;
  if (::lstat(path.c_str(), &sb) != 0)
    return Status::IoError("stat " + path + ": " + ErrnoText(errno));
  if (!S_ISREG(sb.st_mode)) return Status::IoError(path + " is not a regular file");
  return static_cast<int64_t>(sb.st_size);
}

// One gzip member: its compressed length and the start of what it holds.
struct Member {
  size_t compressed = 0;
  std::string head;
};

// Splits `gz` into gzip members (each inflated in full, so CRC-32 and length
// are checked) up to `max_members`.
Result<std::vector<Member>> ScanMembers(std::string_view gz, size_t max_members) {
  std::vector<Member> out;
  for (size_t pos = 0; pos < gz.size() && out.size() < max_members;) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return Status::Internal("inflateInit2 failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data() + pos));
    zs.avail_in = static_cast<uInt>(std::min<size_t>(gz.size() - pos, 1u << 30));
    Member m;
    char buf[16384];
    int rc;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof buf;
      rc = inflate(&zs, Z_NO_FLUSH);
      size_t n = sizeof buf - zs.avail_out;
      m.head.append(buf, std::min(n, kHeadMax - m.head.size()));
    } while (rc == Z_OK);
    m.compressed = zs.total_in;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
      return Status::Corrupt("gzip member at byte " + std::to_string(pos) + " is " +
                             (rc == Z_BUF_ERROR ? "cut short" : "corrupt"));
    }
    pos += m.compressed;
    out.push_back(std::move(m));
  }
  return out;
}

// A name Harrier gave a file: no directories, nothing hidden, no oddities.
bool IsPlainName(const std::string& name) {
  if (name.empty() || name.size() > 255 || name[0] == '.') return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == '_';
  });
}

bool IsSafeRelative(const std::string& path) {
  if (path.empty() || path[0] == '/') return false;
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

Status MakeDirs(const std::string& dir) {
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string prefix = dir.substr(0, pos);
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::IoError("create " + prefix + ": " + ErrnoText(errno));
    }
  }
  return Status::Ok();
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IoError("write " + path + ": " + ErrnoText(n == 0 ? ENOSPC : errno));
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Result<int> CreateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError("create " + path + ": " + ErrnoText(errno));
  return fd;
}

Status SyncAndClose(int fd, const std::string& path) {
  bool ok = ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  return ok ? Status::Ok() : Status::IoError("sync " + path + ": " + ErrnoText(err));
}

Status SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("open " + dir + ": " + ErrnoText(errno));
  return SyncAndClose(fd, dir);
}

// records.warc.gz, appended to as spans are copied; created on first use.
class RecordsFile {
 public:
  explicit RecordsFile(std::string path) : path_(std::move(path)) {}
  ~RecordsFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  int64_t size() const { return size_; }
  Status Append(std::string_view bytes) {
    if (fd_ < 0) {
      Result<int> fd = CreateFile(path_);
      if (!fd.ok()) return fd.status();
      fd_ = *fd;
    }
    HARRIER_RETURN_IF_ERROR(WriteAll(fd_, bytes, path_));
    sha_.Update(bytes);
    size_ += static_cast<int64_t>(bytes.size());
    return Status::Ok();
  }
  // The file's digest, or nullopt when no capture had a WARC span.
  Result<std::optional<BundleFile>> Finish() {
    if (fd_ < 0) return std::optional<BundleFile>();
    int fd = std::exchange(fd_, -1);
    HARRIER_RETURN_IF_ERROR(SyncAndClose(fd, path_));
    return std::optional<BundleFile>(BundleFile{kRecordsName, sha_.HexDigest(), size_});
  }

 private:
  std::string path_;
  int fd_ = -1;
  int64_t size_ = 0;
  Sha256 sha_;
};

// Everything the bundle is being built from and into.
struct Build {
  const store::EvidenceSet& evidence;
  const BundleOptions& options;
  StagedBundle* bundle;
  RecordsFile records;
  std::set<std::string> bodies_written;
};

Status WriteBundleFile(Build& b, const std::string& name, std::string_view data) {
  std::string path = b.bundle->staging_path + "/" + name;
  Result<int> fd = CreateFile(path);
  if (!fd.ok()) return fd.status();
  Status st = WriteAll(*fd, data, path);
  if (!st.ok()) {
    ::close(*fd);
    return st;
  }
  HARRIER_RETURN_IF_ERROR(SyncAndClose(*fd, path));
  b.bundle->files.push_back({name, Sha256Hex(data), static_cast<int64_t>(data.size())});
  return Status::Ok();
}

// Oldest first; the advert's own pages, then its images.
std::vector<const store::EvidenceCapture*> Ordered(const store::EvidenceSet& ev) {
  std::vector<const store::EvidenceCapture*> out;
  for (const auto& c : ev.captures) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    bool ai = a->role != "advert", bi = b->role != "advert";
    if (ai != bi) return bi;
    if (a->fetched_ms != b->fetched_ms) return a->fetched_ms < b->fetched_ms;
    return a->capture_id < b->capture_id;
  });
  return out;
}

// Each WARC file's warcinfo record (who wrote it, with what, where) goes
// first, so records.warc.gz is itself a WARC file whose every record's
// WARC-Warcinfo-ID resolves inside it.
Status CopyWarcinfos(Build& b, const std::vector<const store::EvidenceCapture*>& order, json* out) {
  std::set<std::string> seen;
  for (const auto* c : order) {
    if (c->warc_file.empty() || !seen.insert(c->warc_file).second) continue;
    if (!IsPlainName(c->warc_file)) {
      return Status::Corrupt("capture " + std::to_string(c->capture_id) + ": WARC file name '" +
                             c->warc_file + "' is not one Harrier made");
    }
    std::string path = b.options.warc_dir + "/" + c->warc_file;
    Result<int64_t> size = FileSize(path);
    if (!size.ok()) return size.status();
    Result<std::string> head = ReadRange(path, 0, std::min<int64_t>(*size, kHeadMax));
    if (!head.ok()) return head.status();
    Result<std::vector<Member>> first = ScanMembers(*head, 1);
    if (!first.ok()) return first.status().WithContext("warcinfo of " + path);
    if (first->empty() ||
        first->front().head.find("\r\nWARC-Type: warcinfo\r\n") == std::string::npos) {
      return Status::Corrupt(path + " does not start with a warcinfo record");
    }
    std::string_view record = std::string_view(*head).substr(0, first->front().compressed);
    out->push_back({{"file", c->warc_file},
                    {"bundle_offset", b.records.size()},
                    {"length", record.size()},
                    {"sha256", Sha256Hex(record)}});
    HARRIER_RETURN_IF_ERROR(b.records.Append(record));
  }
  return Status::Ok();
}

// The span must be whole gzip members of WARC/1.1 records, one of them the
// record the store names: a wrong offset is caught here, not in court.
Status CheckSpan(const std::string& bytes, const store::EvidenceCapture& c,
                 const std::string& where) {
  Result<std::vector<Member>> members = ScanMembers(bytes, SIZE_MAX);
  if (!members.ok()) return members.status().WithContext(where);
  bool found = c.warc_record_id.empty();
  for (const Member& m : *members) {
    if (m.head.rfind("WARC/1.1\r\n", 0) != 0) {
      return Status::Corrupt(where + ": a member does not hold a WARC/1.1 record");
    }
    if (m.head.find("\r\nWARC-Record-ID: " + c.warc_record_id + "\r\n") != std::string::npos) {
      found = true;
    }
  }
  if (!found) return Status::Corrupt(where + ": record " + c.warc_record_id + " is not in it");
  return Status::Ok();
}

Status CopySpan(Build& b, const store::EvidenceCapture& c, json* entry) {
  std::string path = b.options.warc_dir + "/" + c.warc_file;
  std::string where = "capture " + std::to_string(c.capture_id) + " span " + path + "@" +
                      std::to_string(c.warc_offset) + "+" + std::to_string(c.warc_length);
  if (c.warc_length <= 0) return Status::Corrupt(where + ": empty span");
  Result<std::string> bytes = ReadRange(path, c.warc_offset, c.warc_length);
  if (!bytes.ok()) return bytes.status().WithContext(where);
  HARRIER_RETURN_IF_ERROR(CheckSpan(*bytes, c, where));
  (*entry)["warc"] = {{"file", c.warc_file},
                      {"offset", c.warc_offset},
                      {"length", c.warc_length},
                      {"span_sha256", Sha256Hex(*bytes)},
                      {"bundle_offset", b.records.size()}};
  return b.records.Append(*bytes);
}

// A capture made before WARC recording: its body as stored, checked
// against the digest the store holds.
Status CopyBody(Build& b, const store::EvidenceCapture& c, json* entry) {
  (*entry)["warc"] = nullptr;
  if (c.blob_path.empty() || !IsSha256Hex(c.body_sha256)) {
    (*entry)["note"] = "captured before WARC recording; no body was stored";
    return Status::Ok();
  }
  std::string where = "capture " + std::to_string(c.capture_id) + " body " + c.blob_path;
  if (!IsSafeRelative(c.blob_path)) return Status::Corrupt(where + ": not a data-dir path");
  std::string path = b.options.data_dir + "/" + c.blob_path;
  Result<int64_t> size = FileSize(path);
  if (!size.ok()) return size.status().WithContext(where);
  Result<std::string> data =
      *size == 0 ? Result<std::string>(std::string()) : ReadRange(path, 0, *size);
  if (!data.ok()) return data.status().WithContext(where);
  if (Sha256Hex(*data) != c.body_sha256) {
    return Status::Corrupt(where + ": content does not match SHA-256 " + c.body_sha256);
  }
  std::string name = "bodies/" + c.body_sha256;
  if (b.bodies_written.insert(name).second) {
    if (b.bodies_written.size() == 1) {
      HARRIER_RETURN_IF_ERROR(MakeDirs(b.bundle->staging_path + "/bodies"));
    }
    HARRIER_RETURN_IF_ERROR(WriteBundleFile(b, name, *data));
  }
  (*entry)["body_file"] = name;
  (*entry)["note"] =
      "captured before WARC recording: no WARC record exists; the body as stored is " + name;
  return Status::Ok();
}

json CaptureJson(const store::EvidenceCapture& c) {
  return {{"capture_id", c.capture_id},
          {"role", c.role},
          {"url", c.url},
          {"final_url", c.final_url},
          {"http_status", c.http_status},
          {"fetched_at", Utc(c.fetched_ms)},
          {"egress", c.egress},
          {"remote_ip", c.remote_ip},
          {"content_type", c.content_type},
          {"body_sha256", c.body_sha256},
          {"body_size", c.body_size},
          {"warc_record_id", c.warc_record_id}};
}

json ManifestJson(const Build& b, json warcinfo, json captures) {
  const store::EvidenceSet& ev = b.evidence;
  json files = json::object();
  for (const BundleFile& f : b.bundle->files) {
    files[f.name] = {{"sha256", f.sha256}, {"size", f.size}};
  }
  return {{"format", "harrier-evidence-bundle/1"},
          {"advert",
           {{"id", ev.document_id},
            {"url", ev.url},
            {"title", ev.title},
            {"source", ev.source},
            {"authorisation_ref", ev.authorisation_ref},
            {"version", ev.version},
            {"removed_at", ev.removed_ms ? json(Utc(*ev.removed_ms)) : json(nullptr)}}},
          {"generated_at", FormatUtc(b.options.now)},
          {"generated_by", b.options.user},
          {"reason", b.options.reason},
          {"recipient", b.options.recipient},
          {"harrier_version", HARRIER_VERSION},
          {"times", "UTC, ISO 8601 (the Z suffix)"},
          {"digest", "SHA-256, lower-case hex"},
          {"records_file", files.contains(kRecordsName) ? json(kRecordsName) : json(nullptr)},
          {"warcinfo", std::move(warcinfo)},
          {"captures", std::move(captures)},
          {"files", std::move(files)}};
}

std::string Readme(const Build& b) {
  std::string id = std::to_string(b.evidence.document_id);
  return "Harrier evidence bundle for advert " + id + "\n" + "Generated " +
         FormatUtc(b.options.now) + " by " + b.options.user + ".\n" +
         "All times in this bundle are UTC (ISO 8601; the trailing Z means UTC).\n\n"
         "What each file is\n"
         "  records.warc.gz  The requests Harrier sent and the responses it received for\n"
         "                   this advert's pages and its images, byte for byte, in WARC 1.1\n"
         "                   format (ISO 28500:2017). It starts with the warcinfo record of\n"
         "                   each original WARC file these records were copied from.\n"
         "                   Each capture is the same bytes as in the original file; the\n"
         "                   manifest gives the original file, offset and length.\n"
         "  manifest.json    The advert (id, URL, title, source, authorisation), who made\n"
         "                   this bundle, when and why, and for every capture: role, URL,\n"
         "                   final URL, HTTP status, time fetched, egress (direct or the\n"
         "                   proxy used), remote IP, SHA-256 and size of the body, and the\n"
         "                   WARC record ID and position.\n"
         "  bodies/          Only for captures made before WARC recording began: the body as\n"
         "                   stored, named by its SHA-256.\n"
         "  SHA256SUMS       The SHA-256 of every other file in this bundle.\n"
         "  README.txt       This file.\n\n"
         "How to verify\n"
         "  1. In this directory run:   sha256sum -c SHA256SUMS\n"
         "     Every line must say OK.\n"
         "  2. Check every WARC record and its digests with an independent reader:\n"
         "       python3 tests/tools/warc_check.py records.warc.gz\n"
         "     (warc_check.py is in the Harrier source tree; it uses only the Python standard\n"
         "     library.) It recomputes WARC-Block-Digest and WARC-Payload-Digest of every\n"
         "     record and exits with status 0 and \"ok\": true when all match.\n"
         "  3. To show a capture came from the original WARC file, take its bytes there\n"
         "     (manifest: captures[].warc.file, offset, length) and compare SHA-256:\n"
         "       tail -c +$((OFFSET + 1)) FILE | head -c LENGTH | sha256sum\n"
         "     must print captures[].warc.span_sha256.\n";
}

std::string Sha256Sums(const std::vector<BundleFile>& files) {
  std::vector<BundleFile> sorted = files;
  std::sort(sorted.begin(), sorted.end(),
            [](const BundleFile& a, const BundleFile& b) { return a.name < b.name; });
  std::string out;
  for (const BundleFile& f : sorted) out += f.sha256 + "  " + f.name + "\n";
  return out;
}

Status FillBundle(Build& b) {
  std::vector<const store::EvidenceCapture*> order = Ordered(b.evidence);
  json warcinfo = json::array(), captures = json::array();
  HARRIER_RETURN_IF_ERROR(CopyWarcinfos(b, order, &warcinfo));
  for (const auto* c : order) {
    json entry = CaptureJson(*c);
    HARRIER_RETURN_IF_ERROR(c->warc_file.empty() ? CopyBody(b, *c, &entry)
                                                 : CopySpan(b, *c, &entry));
    captures.push_back(std::move(entry));
  }
  Result<std::optional<BundleFile>> records = b.records.Finish();
  if (!records.ok()) return records.status();
  if (*records) b.bundle->files.push_back(**records);
  json manifest = ManifestJson(b, std::move(warcinfo), std::move(captures));
  // Scraped titles may not be valid UTF-8: replace rather than throw.
  HARRIER_RETURN_IF_ERROR(WriteBundleFile(
      b, "manifest.json", manifest.dump(2, ' ', false, json::error_handler_t::replace) + "\n"));
  HARRIER_RETURN_IF_ERROR(WriteBundleFile(b, "README.txt", Readme(b)));
  HARRIER_RETURN_IF_ERROR(WriteBundleFile(b, "SHA256SUMS", Sha256Sums(b.bundle->files)));
  if (!b.bodies_written.empty())
    HARRIER_RETURN_IF_ERROR(SyncDir(b.bundle->staging_path + "/bodies"));
  return SyncDir(b.bundle->staging_path);
}

// "20261122T073530Z": the bundle name's time, to the second.
std::string CompactStamp(WallTime t) {
  std::string s = FormatUtc(t);
  s = s.substr(0, 19) + "Z";
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == ':'; }), s.end());
  return s;
}

}  // namespace

Result<StagedBundle> StageEvidenceBundle(const store::EvidenceSet& evidence,
                                         const BundleOptions& options) {
  if (options.out_dir.empty()) return Status::InvalidArgument("no output directory given");
  StagedBundle bundle;
  std::string name =
      "advert-" + std::to_string(evidence.document_id) + "-" + CompactStamp(options.now);
  bundle.final_path = options.out_dir + "/" + name;
  HARRIER_RETURN_IF_ERROR(MakeDirs(options.out_dir));
  struct stat sb;
  if (::lstat(bundle.final_path.c_str(), &sb) == 0) {
    return Status::Rejected("refusing to overwrite existing bundle " + bundle.final_path);
  }
  std::string tmpl = options.out_dir + "/." + name + ".partial-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr) {  // mode 0700
    return Status::IoError("create " + tmpl + ": " + ErrnoText(errno));
  }
  bundle.staging_path = tmpl;
  Build b{evidence, options, &bundle, RecordsFile(bundle.staging_path + "/" + kRecordsName), {}};
  Status st = FillBundle(b);
  if (!st.ok()) {
    DiscardEvidenceBundle(bundle);
    return st.WithContext("evidence bundle for advert " + std::to_string(evidence.document_id));
  }
  return bundle;
}

Status PublishEvidenceBundle(const StagedBundle& bundle) {
  // RENAME_NOREPLACE: plain rename(2) would replace an empty directory.
  if (::renameat2(AT_FDCWD, bundle.staging_path.c_str(), AT_FDCWD, bundle.final_path.c_str(),
                  RENAME_NOREPLACE) != 0) {
    int err = errno;
    if (err == EEXIST) {
      return Status::Rejected("refusing to overwrite existing bundle " + bundle.final_path);
    }
    return Status::IoError("rename " + bundle.staging_path + " to " + bundle.final_path + ": " +
                           ErrnoText(err));
  }
  return SyncDir(fs::path(bundle.final_path).parent_path().string());
}

void DiscardEvidenceBundle(const StagedBundle& bundle) {
  if (bundle.staging_path.empty()) return;
  std::error_code ec;
  fs::remove_all(bundle.staging_path, ec);
}

Status CmdEvidence(CommandContext& ctx, int64_t id, const EvidenceCommandOptions& options) {
  if (ctx.reason.empty()) {
    return Status::InvalidArgument(
        "a disclosure needs --reason (operation/URN and why); nothing was written");
  }
  Result<std::optional<store::EvidenceSet>> evidence = ctx.store.GetEvidence(id);
  if (!evidence.ok()) return evidence.status();
  if (!*evidence) return Status::NotFound("no advert with id " + std::to_string(id));
  std::error_code ec;
  fs::path out = fs::absolute(options.out_dir, ec);
  BundleOptions bo{options.warc_dir,   options.data_dir, ec ? options.out_dir : out.string(),
                   ctx.user,           ctx.reason,       options.recipient,
                   ctx.clock.WallNow()};
  Result<StagedBundle> staged = StageEvidenceBundle(**evidence, bo);
  if (!staged.ok()) return staged.status();
  json detail = {{"out", staged->final_path},
                 {"reason", ctx.reason},
                 {"recipient", options.recipient},
                 {"captures", (*evidence)->captures.size()},
                 {"files", json::object()}};
  for (const BundleFile& f : staged->files) detail["files"][f.name] = f.sha256;
  Status st = ctx.store.AppendAudit({ToUnixMillis(bo.now), ctx.user, "disclosure.evidence_bundle",
                                     "document:" + std::to_string(id),
                                     detail.dump(-1, ' ', false, json::error_handler_t::replace)});
  if (!st.ok()) {
    DiscardEvidenceBundle(*staged);
    return st.WithContext("record disclosure in the audit log (no bundle was written)");
  }
  st = PublishEvidenceBundle(*staged);
  if (!st.ok()) {
    DiscardEvidenceBundle(*staged);
    return st.WithContext("publish evidence bundle (the audit log records the attempt)");
  }
  if (ctx.json) {
    json j = {{"bundle", staged->final_path}, {"files", json::array()}};
    for (const BundleFile& f : staged->files) {
      j["files"].push_back({{"name", f.name}, {"sha256", f.sha256}, {"size", f.size}});
    }
    ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    return Status::Ok();
  }
  ctx.out << staged->final_path << '\n';
  for (const BundleFile& f : staged->files) ctx.out << "  " << f.sha256 << "  " << f.name << '\n';
  return Status::Ok();
}

}  // namespace harrier::cli
