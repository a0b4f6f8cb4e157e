#include "scrapers/warc_writer.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "core/clock.h"
#include "core/sha256.h"

namespace harrier::scrapers {

namespace {

constexpr std::string_view kConformsTo =
    "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/";
constexpr int kFileFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_APPEND;

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0xf];
  }
  return out;
}

// "<urn:uuid:...>" of a random (version 4) UUID, RFC 4122 §4.4.
std::string NewRecordId() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  std::string h = Hex(b, sizeof b);
  return "<urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
         h.substr(16, 4) + "-" + h.substr(20) + ">";
}

// WARC 1.1 §4: a field value may not hold CR or LF (it would end the field)
// and control characters have no business there. A URL or a profile value
// carrying one is percent-encoded rather than allowed to forge a field.
std::string FieldValue(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (unsigned char c : v) {
    if (c < 0x20 || c == 0x7f) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// The named fields of one record, in the order they are added.
class RecordHead {
 public:
  explicit RecordHead(std::string_view type) { Add("WARC-Type", type); }
  void Add(std::string_view name, std::string_view value) {
    if (value.empty()) return;
    text_ += name;
    text_ += ": ";
    text_ += FieldValue(value);
    text_ += "\r\n";
  }
  std::string Finish(int64_t block_length) {
    Add("Content-Length", std::to_string(block_length));
    return "WARC/1.1\r\n" + text_ + "\r\n";
  }

 private:
  std::string text_;
};

// Appends one gzip member holding `pieces` back to back (RFC 1952; WARC 1.1
// Annex D: one member per record, so a record can be read from its offset).
Status AppendGzipMember(std::initializer_list<std::string_view> pieces, int level,
                        std::string* out) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("deflateInit2 failed");
  }
  uLong total = 0;
  for (std::string_view p : pieces) total += p.size();
  size_t used = out->size();
  out->resize(used + deflateBound(&zs, total) + 64);
  int rc = Z_OK;
  size_t index = 0;
  for (std::string_view p : pieces) {
    bool last = ++index == pieces.size();
    for (;;) {
      // avail_in is 32 bits: feed large payloads in slices.
      size_t n = std::min<size_t>(p.size(), 1u << 30);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p.data()));
      zs.avail_in = static_cast<uInt>(n);
      p.remove_prefix(n);
      int flush = last && p.empty() ? Z_FINISH : Z_NO_FLUSH;
      do {
        if (out->size() - used < 4096) out->resize(out->size() + 65536);
        zs.next_out = reinterpret_cast<Bytef*>(out->data() + used);
        zs.avail_out = static_cast<uInt>(std::min<size_t>(out->size() - used, 1u << 30));
        uInt before = zs.avail_out;
        rc = deflate(&zs, flush);
        used += before - zs.avail_out;
        if (rc == Z_STREAM_ERROR) break;
      } while (flush == Z_FINISH ? rc != Z_STREAM_END : (zs.avail_in > 0 || zs.avail_out == 0));
      if (p.empty() || rc == Z_STREAM_ERROR) break;
    }
    if (rc == Z_STREAM_ERROR) break;
  }
  deflateEnd(&zs);
  out->resize(used);
  if (rc != Z_STREAM_END) return Status::Internal("deflate failed: " + std::to_string(rc));
  return Status::Ok();
}

// One hop, with everything that does not depend on which file it lands in:
// computed once per Write even if the records must be compressed again.
struct PreparedHop {
  const HttpExchange* exchange = nullptr;
  std::string_view payload;
  std::string date;
  std::string request_id, response_id;  // response_id empty: no response arrived
  std::string request_digest, response_digest, payload_digest;
  std::string truncated;       // WARC-Truncated value, or empty
  bool precompressed = false;  // payload is JPEG, PNG, gzip, ...: store, don't deflate
};

std::string BlockDigest(std::string_view head, std::string_view payload) {
  Sha256 h;
  h.Update(head);
  h.Update(payload);
  return "sha256:" + h.HexDigest();
}

// WARC 1.1 §5.13 reasons: "length" for our size cap, "time" for a timeout,
// "disconnect" when the peer or the network cut the transfer.
std::string TruncatedReason(const HttpResponse& r) {
  switch (r.status.code()) {
    case StatusCode::kTimeout:
      return "time";
    case StatusCode::kIoError:
    case StatusCode::kUnavailable:
      return "disconnect";
    case StatusCode::kRejected:
      return "length";
    default:
      return "unspecified";
  }
}

// Deflating JPEG, PNG, WebP, GIF or a gzip/br-coded body again costs a
// core's worth of CPU for nothing (measured: ~20 MB/s at any level on
// incompressible bytes, against ~300 MB/s for stored blocks), so such a
// record is written as stored deflate blocks: still one valid gzip member.
bool LooksPrecompressed(std::string_view p, bool content_coded) {
  if (content_coded && !p.empty()) return true;
  auto starts = [&](std::string_view magic, size_t at = 0) {
    return p.size() >= at + magic.size() && p.substr(at, magic.size()) == magic;
  };
  using namespace std::string_view_literals;
  return starts("\xff\xd8\xff"sv) || starts("\x89PNG\r\n\x1a\n"sv) || starts("GIF8"sv) ||
         (starts("RIFF"sv) && starts("WEBP"sv, 8)) || starts("\x1f\x8b"sv) ||
         starts("PK\x03\x04"sv);
}

std::vector<PreparedHop> Prepare(const HttpResponse& response) {
  std::vector<PreparedHop> hops;
  for (size_t i = 0; i < response.exchanges.size(); ++i) {
    const HttpExchange& ex = response.exchanges[i];
    PreparedHop h;
    h.exchange = &ex;
    bool final_hop = i + 1 == response.exchanges.size();
    h.payload = final_hop && ex.payload_is_body ? std::string_view(response.body)
                                                : std::string_view(ex.payload);
    h.date = FormatUtc(FromUnixMillis(ex.started_unix_ms));
    if (!ex.request_head.empty()) {
      h.request_id = NewRecordId();
      h.request_digest = BlockDigest(ex.request_head, "");
    }
    if (!ex.response_head.empty()) {
      h.response_id = NewRecordId();
      h.response_digest = BlockDigest(ex.response_head, h.payload);
      h.payload_digest = "sha256:" + Sha256Hex(h.payload);
      // A final hop's payload that is not the body is content-coded (the
      // fetcher's contract: payload_is_body means no coding).
      h.precompressed = LooksPrecompressed(h.payload, final_hop && !ex.payload_is_body);
      if (ex.truncated) h.truncated = final_hop ? TruncatedReason(response) : "length";
    }
    hops.push_back(std::move(h));
  }
  return hops;
}

void AddCommonFields(RecordHead& head, const PreparedHop& hop, const std::string& id,
                     const WarcContext& ctx, const std::string& warcinfo_id) {
  head.Add("WARC-Record-ID", id);
  head.Add("WARC-Date", hop.date);
  head.Add("WARC-Target-URI", hop.exchange->url);
  head.Add("WARC-IP-Address", hop.exchange->remote_ip);
  head.Add("WARC-Warcinfo-ID", warcinfo_id);
  head.Add("WARC-Harrier-Egress", ctx.egress);
  head.Add("WARC-Harrier-Source", ctx.source);
  head.Add("WARC-Harrier-Authorisation", ctx.authorisation);
  if (ctx.run_id != 0) head.Add("WARC-Harrier-Run", std::to_string(ctx.run_id));
}

// The gzip members of every record of a capture, back to back.
Result<std::string> Compress(const std::vector<PreparedHop>& hops, const WarcContext& ctx,
                             const std::string& warcinfo_id, int level) {
  std::string out;
  for (const PreparedHop& hop : hops) {
    const HttpExchange& ex = *hop.exchange;
    if (!hop.request_id.empty()) {
      RecordHead head("request");
      AddCommonFields(head, hop, hop.request_id, ctx, warcinfo_id);
      head.Add("Content-Type", "application/http;msgtype=request");
      head.Add("WARC-Block-Digest", hop.request_digest);
      std::string fields = head.Finish(static_cast<int64_t>(ex.request_head.size()));
      HARRIER_RETURN_IF_ERROR(AppendGzipMember({fields, ex.request_head, "\r\n\r\n"}, level, &out));
    }
    if (!hop.response_id.empty()) {
      RecordHead head("response");
      AddCommonFields(head, hop, hop.response_id, ctx, warcinfo_id);
      head.Add("WARC-Concurrent-To", hop.request_id);
      head.Add("Content-Type", "application/http;msgtype=response");
      head.Add("WARC-Block-Digest", hop.response_digest);
      head.Add("WARC-Payload-Digest", hop.payload_digest);
      head.Add("WARC-Truncated", hop.truncated);
      std::string fields =
          head.Finish(static_cast<int64_t>(ex.response_head.size() + hop.payload.size()));
      HARRIER_RETURN_IF_ERROR(AppendGzipMember({fields, ex.response_head, hop.payload, "\r\n\r\n"},
                                               hop.precompressed ? Z_NO_COMPRESSION : level, &out));
    }
  }
  return out;
}

// write(2) until done; false with errno set on failure.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// mkdir -p with mode 0700 for every directory it creates.
Status MakeDirs(const std::string& dir, bool* created) {
  *created = false;
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string prefix = dir.substr(0, pos);
    if (::mkdir(prefix.c_str(), 0700) == 0) {
      *created = true;
    } else if (errno != EEXIST) {
      return Status::IoError("create warc dir " + prefix + ": " + ErrnoText(errno));
    }
  }
  return Status::Ok();
}

struct OpenFile {
  int fd = -1;
  std::string name;
};

}  // namespace

struct WarcWriter::Impl {
  WarcOptions options;
  int dir_fd = -1;
  std::string hostname;
  std::string name_tag;  // random per process: two writers never pick one name

  std::mutex sync_mu;  // one Sync at a time, so a later Sync waits for an earlier one
  std::mutex mu;
  // Guarded by mu.
  OpenFile current;
  int64_t current_bytes = 0;
  int64_t current_spans = 0;
  bool current_dirty = false;
  std::string warcinfo_id;
  uint64_t generation = 0;  // bumped by every rotation
  int sequence = 0;
  std::vector<OpenFile> unsynced;  // retired files written since the last Sync
  bool dir_dirty = false;

  ~Impl() {
    if (current.fd >= 0) ::close(current.fd);
    for (const OpenFile& f : unsynced) ::close(f.fd);
    if (dir_fd >= 0) ::close(dir_fd);
  }

  // Closes the current file for writing; it stays open until Sync has made
  // it durable.
  void RetireCurrent() {
    if (current.fd < 0) return;
    if (current_dirty) {
      unsynced.push_back(std::move(current));
    } else {
      ::close(current.fd);
    }
    current = OpenFile{};
    current_dirty = false;
  }

  std::string WarcinfoRecord(const std::string& name, const std::string& id, int64_t now_ms) {
    std::string block =
        "software: " + FieldValue(options.software) +
        "\r\nformat: WARC File Format 1.1\r\nconformsTo: " + std::string(kConformsTo) + "\r\n";
    if (!options.operator_contact.empty()) {
      block += "operator: " + FieldValue(options.operator_contact) + "\r\n";
    }
    block += "hostname: " + FieldValue(hostname) + "\r\n";
    RecordHead head("warcinfo");
    head.Add("WARC-Record-ID", id);
    head.Add("WARC-Date", FormatUtc(FromUnixMillis(now_ms)));
    head.Add("WARC-Filename", name);
    head.Add("Content-Type", "application/warc-fields");
    head.Add("WARC-Block-Digest", BlockDigest(block, ""));
    std::string fields = head.Finish(static_cast<int64_t>(block.size()));
    std::string out;
    // Compressing a few hundred bytes in memory fails only on a zlib bug.
    AppendGzipMember({fields, block, "\r\n\r\n"}, options.compression_level, &out).IgnoreError();
    return out;
  }

  // Starts a new file with its warcinfo record. `now_ms` is the capture
  // time of the span that needs the file: the writer is handed no clock, and
  // the file is created in the same instant the capture is written.
  Status Rotate(int64_t now_ms) {
    RetireCurrent();
    std::string stamp = FormatUtc(FromUnixMillis(now_ms));
    stamp.erase(std::remove_if(stamp.begin(), stamp.end(),
                               [](char c) { return c == '-' || c == ':' || c == '.'; }),
                stamp.end());
    char seq[16];
    std::snprintf(seq, sizeof seq, "%05d", ++sequence);
    std::string name = "harrier-" + stamp + "-" + name_tag + "-" + seq + ".warc.gz";
    int fd = ::openat(dir_fd, name.c_str(), kFileFlags, 0600);
    if (fd < 0) {
      return Status::IoError("create warc " + options.dir + "/" + name + ": " + ErrnoText(errno));
    }
    std::string id = NewRecordId();
    std::string warcinfo = WarcinfoRecord(name, id, now_ms);
    if (!WriteAll(fd, warcinfo)) {
      int err = errno;
      ::close(fd);
      ::unlinkat(dir_fd, name.c_str(), 0);  // holds nothing a capture points at
      return Status::IoError("write warc " + options.dir + "/" + name + ": " + ErrnoText(err));
    }
    current = {fd, name};
    current_bytes = static_cast<int64_t>(warcinfo.size());
    current_spans = 0;
    current_dirty = true;
    dir_dirty = true;
    warcinfo_id = id;
    ++generation;
    return Status::Ok();
  }

  // A file takes at least one span, so a limit smaller than a warcinfo
  // record still makes progress (one capture per file).
  bool NeedsRotation() const {
    return current.fd < 0 || (current_spans > 0 && current_bytes >= options.max_file_bytes);
  }

  // Under the lock: the file a span compressed now should go to.
  Result<std::pair<uint64_t, std::string>> Reserve(int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mu);
    if (NeedsRotation()) HARRIER_RETURN_IF_ERROR(Rotate(now_ms));
    return std::make_pair(generation, warcinfo_id);
  }

  // Under the lock: appends the span if the file is still the one it was
  // compressed for (its records name that file's warcinfo); nullopt if a
  // rotation came between, and the caller compresses again.
  Result<std::optional<WarcSpan>> Append(uint64_t for_generation, const std::string& bytes,
                                         int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mu);
    if (NeedsRotation()) HARRIER_RETURN_IF_ERROR(Rotate(now_ms));
    if (generation != for_generation) return std::optional<WarcSpan>();
    int64_t offset = current_bytes;
    if (!WriteAll(current.fd, bytes)) {
      int err = errno;
      // Cut the partial span off so the file stays a clean sequence of
      // records; either way nothing more is appended to it and the caller
      // retries the capture into a new file. If the cut fails a torn tail
      // remains after the last complete record (no span points into it).
      bool cut = ::ftruncate(current.fd, offset) == 0;
      std::string name = current.name;
      RetireCurrent();
      return Status::IoError("write warc " + options.dir + "/" + name + ": " + ErrnoText(err) +
                             (cut ? " (partial span removed; file closed)"
                                  : " (torn tail left after the last record; file closed)"));
    }
    current_bytes += static_cast<int64_t>(bytes.size());
    ++current_spans;
    current_dirty = true;
    WarcSpan span;
    span.file = current.name;
    span.offset = offset;
    span.length = static_cast<int64_t>(bytes.size());
    return std::optional<WarcSpan>(std::move(span));
  }
};

WarcWriter::WarcWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcWriter::~WarcWriter() = default;

const std::string& WarcWriter::dir() const { return impl_->options.dir; }

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(const WarcOptions& options) {
  if (options.dir.empty()) return Status::InvalidArgument("warc dir is empty");
  if (options.compression_level < 1 || options.compression_level > 9) {
    return Status::InvalidArgument("warc compression level must be 1..9, not " +
                                   std::to_string(options.compression_level));
  }
  if (options.max_file_bytes <= 0) {
    return Status::InvalidArgument("warc max_file_bytes must be positive");
  }
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  bool created = false;
  HARRIER_RETURN_IF_ERROR(MakeDirs(options.dir, &created));
  impl->dir_fd = ::open(options.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (impl->dir_fd < 0) {
    return Status::IoError("open warc dir " + options.dir + ": " + ErrnoText(errno));
  }
  if (created) {
    // The new directory's own entry is durable only once its parent is synced.
    std::filesystem::path dir = std::filesystem::path(options.dir).lexically_normal();
    if (!dir.has_filename()) dir = dir.parent_path();  // "a/b/" names "a/b"
    std::string parent = dir.has_parent_path() ? dir.parent_path().string() : ".";
    int pfd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool synced = pfd >= 0 && ::fsync(pfd) == 0;
    int err = errno;
    if (pfd >= 0) ::close(pfd);
    if (!synced) return Status::IoError("sync dir " + parent + ": " + ErrnoText(err));
  }
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0) impl->hostname = host;
  unsigned char tag[4];
  randombytes_buf(tag, sizeof tag);
  impl->name_tag = Hex(tag, sizeof tag);
  return std::unique_ptr<WarcWriter>(new WarcWriter(std::move(impl)));
}

Result<WarcSpan> WarcWriter::Write(const HttpResponse& response, const WarcContext& context) {
  if (response.exchanges.empty()) {
    return Status::InvalidArgument("write warc for " + response.url +
                                   ": no exchange (nothing was sent)");
  }
  std::vector<PreparedHop> hops = Prepare(response);
  if (std::all_of(hops.begin(), hops.end(), [](const PreparedHop& h) {
        return h.request_id.empty() && h.response_id.empty();
      })) {
    return Status::InvalidArgument("write warc for " + response.url + ": no request bytes");
  }
  int64_t now_ms = response.exchanges.front().started_unix_ms;
  for (;;) {
    Result<std::pair<uint64_t, std::string>> target = impl_->Reserve(now_ms);
    if (!target.ok()) return target.status();
    Result<std::string> bytes =
        Compress(hops, context, target->second, impl_->options.compression_level);
    if (!bytes.ok()) return bytes.status().WithContext("write warc for " + response.url);
    Result<std::optional<WarcSpan>> span = impl_->Append(target->first, *bytes, now_ms);
    if (!span.ok()) return span.status();
    if (!span->has_value()) continue;  // rotated meanwhile: name the new warcinfo
    WarcSpan out = std::move(**span);
    out.response_record_id = hops.back().response_id;
    if (!hops.back().response_id.empty()) out.payload_digest = hops.back().payload_digest;
    return out;
  }
}

Status WarcWriter::Sync() {
  std::lock_guard<std::mutex> sync_lock(impl_->sync_mu);
  std::vector<OpenFile> files;
  bool sync_dir = false;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    files = std::move(impl_->unsynced);
    impl_->unsynced.clear();
    if (impl_->current.fd >= 0 && impl_->current_dirty) {
      // A duplicate, so a rotation during the fdatasync cannot close it.
      int fd = ::fcntl(impl_->current.fd, F_DUPFD_CLOEXEC, 0);
      if (fd < 0) {
        for (const OpenFile& f : files) impl_->unsynced.push_back(f);
        return Status::IoError("sync warc " + impl_->current.name + ": dup: " + ErrnoText(errno));
      }
      files.push_back({fd, impl_->current.name});
      impl_->current_dirty = false;
    }
    sync_dir = std::exchange(impl_->dir_dirty, false);
  }
  // After a failed fdatasync Linux may report the next one as clean, so a
  // failure is reported once and the caller must treat every span since the
  // last good Sync as lost (rewrite those captures).
  Status result;
  for (const OpenFile& f : files) {
    if (::fdatasync(f.fd) != 0 && result.ok()) {
      result = Status::IoError("sync warc " + impl_->options.dir + "/" + f.name + ": " +
                               ErrnoText(errno));
    }
    ::close(f.fd);
  }
  if (sync_dir && ::fsync(impl_->dir_fd) != 0 && result.ok()) {
    result = Status::IoError("sync warc dir " + impl_->options.dir + ": " + ErrnoText(errno));
  }
  return result;
}

Result<std::string> ReadWarcSpan(const std::string& path, int64_t offset, int64_t length) {
  std::string_view rest = path;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    if (rest.substr(0, slash) == "..") {
      return Status::InvalidArgument("read warc span " + path + ": path has '..'");
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (offset < 0 || length <= 0) {
    return Status::InvalidArgument("read warc span " + path + ": bad offset " +
                                   std::to_string(offset) + " or length " + std::to_string(length));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    Status st(err == ENOENT ? StatusCode::kNotFound : StatusCode::kIoError,
              "read warc span " + path + ": " + ErrnoText(err));
    return st;
  }
  struct stat sb;
  std::string out;
  Status st;
  if (::fstat(fd, &sb) != 0) {
    st = Status::IoError("read warc span " + path + ": " + ErrnoText(errno));
  } else if (!S_ISREG(sb.st_mode)) {
    st = Status::InvalidArgument("read warc span " + path + ": not a regular file");
  } else if (offset > sb.st_size || length > sb.st_size - offset) {
    st = Status::Corrupt("read warc span " + path + ": " + std::to_string(offset) + "+" +
                         std::to_string(length) + " is beyond the end (" +
                         std::to_string(sb.st_size) + " bytes)");
  } else {
    out.resize(static_cast<size_t>(length));
    size_t got = 0;
    while (got < out.size()) {
      ssize_t n = ::pread(fd, out.data() + got, out.size() - got, offset + got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        st = Status::IoError("read warc span " + path + ": " +
                             (n == 0 ? std::string("file shrank") : ErrnoText(errno)));
        break;
      }
      got += static_cast<size_t>(n);
    }
  }
  ::close(fd);
  if (!st.ok()) return st;
  return out;
}

}  // namespace harrier::scrapers
