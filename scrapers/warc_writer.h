// WARC 1.1 evidence files (ISO 28500:2017). Every request and response the
// fetcher saw is written as a `request` and a `response` record
// (Content-Type application/http;msgtype=...), each its own gzip member, in
// files that rotate by size. Each file starts with a `warcinfo` record.
//
// Per record: WARC-Record-ID (urn:uuid, random v4), WARC-Date (UTC, ms),
// WARC-Target-URI, WARC-IP-Address, WARC-Warcinfo-ID, WARC-Block-Digest
// ("sha256:" + lower-case hex); responses add WARC-Payload-Digest over the
// entity body as received (content-coded, transfer coding removed) and
// WARC-Concurrent-To naming their request. Harrier's own fields:
// WARC-Harrier-Egress, WARC-Harrier-Source, WARC-Harrier-Authorisation,
// WARC-Harrier-Run.
//
// The records of one capture (every hop of a redirected fetch) are written
// back to back in one append, so one (file, offset, length) span covers them
// all and is itself a valid .warc.gz (concatenated gzip members).
//
// Files are named by Harrier only (harrier-<UTC time>-<random>-<seq>.warc.gz),
// opened O_EXCL|O_NOFOLLOW, mode 0600; a new process never appends to an old
// file, so a crash can leave at most a torn tail after the last durable
// record of a file, never inside a record a capture points at.
// Thread-safety: Write and Sync may be called from any thread; records are
// compressed outside the lock and appended under it.
#ifndef HARRIER_SCRAPERS_WARC_WRITER_H_
#define HARRIER_SCRAPERS_WARC_WRITER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "scrapers/http_fetcher.h"

namespace harrier::scrapers {

struct WarcOptions {
  std::string dir;                                // created 0700 if missing
  int64_t max_file_bytes = 1024LL * 1024 * 1024;  // rotate once a file reaches this
  // zlib 1..9. 1: HTML shrinks to ~11% (6: ~7%) for ~40% less CPU per
  // capture; images and content-coded payloads are stored, not deflated.
  int compression_level = 1;
  // Written into each warcinfo record (software, operator, host, format).
  std::string software = "Harrier";
  std::string operator_contact;
};

// Provenance written into every record of a capture.
struct WarcContext {
  std::string source;         // profile name
  std::string authorisation;  // reference the collection is done under
  int64_t run_id = 0;
  std::string egress;  // HttpResponse::egress
};

struct WarcSpan {
  std::string file;                // name inside WarcOptions::dir, no directories
  int64_t offset = 0;              // of the first gzip member
  int64_t length = 0;              // bytes, up to the end of the last member
  std::string response_record_id;  // of the final hop's response record
  std::string payload_digest;      // "sha256:<hex>" of the final payload
};

class WarcWriter {
 public:
  static Result<std::unique_ptr<WarcWriter>> Open(const WarcOptions& options);
  ~WarcWriter();

  // Writes the request and response records of every exchange of `response`
  // (`response.body` is the final payload where the exchange says so).
  // kInvalidArgument when there is no exchange (nothing was sent).
  Result<WarcSpan> Write(const HttpResponse& response, const WarcContext& context);

  // fdatasync of every file written since the last Sync: after it returns
  // OK the records of every span returned before the call are durable.
  Status Sync();

  const std::string& dir() const;

 private:
  struct Impl;
  explicit WarcWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads `length` bytes at `offset` of `path` (a span): for evidence bundles.
// Refuses spans beyond the end of the file and paths with "..".
Result<std::string> ReadWarcSpan(const std::string& path, int64_t offset, int64_t length);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_WARC_WRITER_H_
