#include "daemon/blob_store.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <random>

#include "core/sha256.h"

namespace harrier::daemon {

namespace {

std::string Errno(const std::string& action) { return action + ": " + std::strerror(errno); }

Status WriteAll(int fd, std::string_view bytes, const std::string& what) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(Errno("write " + what));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<BlobStore>> BlobStore::Open(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(data_dir) / "blobs", ec);
  if (ec) return Status::IoError("create " + data_dir + "/blobs: " + ec.message());
  std::string blobs = data_dir + "/blobs";
  int fd = ::open(blobs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return Status::IoError(Errno("open " + blobs));
  return std::unique_ptr<BlobStore>(new BlobStore(data_dir, fd));
}

BlobStore::~BlobStore() { ::close(dir_fd_); }

Result<std::string> BlobStore::Put(const std::string& sha256, std::string_view bytes) {
  if (!IsSha256Hex(sha256)) return Status::InvalidArgument("blob name is not a sha256: " + sha256);
  const std::string sub = sha256.substr(0, 2);
  const std::string rel = sub + "/" + sha256;
  const std::string out = "blobs/" + rel;
  if (::mkdirat(dir_fd_, sub.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::IoError(Errno("mkdir " + data_dir_ + "/blobs/" + sub));
  }
  struct stat st;
  if (::fstatat(dir_fd_, rel.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISREG(st.st_mode) && st.st_size == static_cast<off_t>(bytes.size())) return out;
  }
  // Write to a unique temporary name, then rename: a crash never leaves a
  // half-written file under the content name.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::string tmp = sub + "/.tmp-" + std::to_string(rng());
  int fd =
      ::openat(dir_fd_, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError(Errno("create " + data_dir_ + "/blobs/" + tmp));
  Status st_write = WriteAll(fd, bytes, data_dir_ + "/blobs/" + tmp);
  ::close(fd);
  if (!st_write.ok() || ::renameat(dir_fd_, tmp.c_str(), dir_fd_, rel.c_str()) != 0) {
    std::string why = st_write.ok() ? Errno("rename to " + out) : st_write.message();
    ::unlinkat(dir_fd_, tmp.c_str(), 0);
    return Status::IoError(why);
  }
  std::lock_guard<std::mutex> lock(mu_);
  dirty_ = true;
  return out;
}

Status BlobStore::Sync() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!dirty_) return Status::Ok();
    dirty_ = false;
  }
  if (::syncfs(dir_fd_) != 0) return Status::IoError(Errno("syncfs " + data_dir_));
  return Status::Ok();
}

Result<std::string> BlobStore::Read(const std::string& relative_path) const {
  const std::string prefix = "blobs/";
  if (relative_path.rfind(prefix, 0) != 0 || relative_path.size() != prefix.size() + 67 ||
      !IsSha256Hex(relative_path.substr(prefix.size() + 3))) {
    return Status::InvalidArgument("not a blob path: " + relative_path);
  }
  const std::string rel = relative_path.substr(prefix.size());
  int fd = ::openat(dir_fd_, rel.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(Errno("open " + data_dir_ + "/" + relative_path));
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Status::IoError(Errno("read " + relative_path));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace harrier::daemon
