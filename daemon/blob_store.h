// Content-addressed files under the data directory: every capture body and
// every image is saved as blobs/<first two hex>/<sha256>. Names come from the
// content hash only, never from a URL or a header, so no scraped byte can
// choose a path. Files are 0600 and written once (O_EXCL, O_NOFOLLOW).
// Thread-safety: Put may be called from many threads; Sync from the writer.
#ifndef HARRIER_DAEMON_BLOB_STORE_H_
#define HARRIER_DAEMON_BLOB_STORE_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::daemon {

class BlobStore {
 public:
  // Creates `data_dir`/blobs if needed.
  static Result<std::unique_ptr<BlobStore>> Open(const std::string& data_dir);

  // Saves `bytes` whose SHA-256 is `sha256` (hex) and returns the path
  // relative to the data dir ("blobs/ab/ab12…"). A blob that exists already is
  // left as it is. The data is durable only after Sync().
  Result<std::string> Put(const std::string& sha256, std::string_view bytes);

  // Makes every Put so far durable (one syncfs for the whole batch), to be
  // called before the database commit that refers to the blobs.
  Status Sync();

  // Reads a blob back by its relative path (verifies the name shape).
  Result<std::string> Read(const std::string& relative_path) const;

  const std::string& data_dir() const { return data_dir_; }

 private:
  BlobStore(std::string data_dir, int dir_fd) : data_dir_(std::move(data_dir)), dir_fd_(dir_fd) {}
  std::string data_dir_;
  int dir_fd_;  // data_dir/blobs, for syncfs and openat
  std::mutex mu_;
  bool dirty_ = false;

 public:
  ~BlobStore();
};

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_BLOB_STORE_H_
