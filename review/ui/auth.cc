// See auth.h.
#include "review/ui/auth.h"

#include <sodium.h>

#include <algorithm>

namespace harrier::review::ui {

namespace {

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> HashPassword(const std::string& password) {
  if (!SodiumReady()) return Status::Internal("hash password: libsodium did not initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOpsLimit,
                            kPasswordMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("hash password: argon2id failed (out of memory?)");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& phc, const std::string& password) {
  if (!SodiumReady() || phc.size() >= crypto_pwhash_STRBYTES) return false;
  if (phc.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(phc.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken() {
  if (!SodiumReady()) std::abort();  // no CSPRNG: never hand out a guessable id
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex);
}

Session SessionStore::Create(const std::string& user, const std::string& role) {
  Session s;
  s.id = RandomToken();
  s.csrf = RandomToken();
  s.user = user;
  s.role = role;
  s.created = s.last_seen = clock_.SteadyNow();
  std::lock_guard<std::mutex> lock(mu_);
  if (sessions_.size() >= limits_.max_sessions) {
    // Pre-login sessions go first: anyone can make those by loading /login,
    // and must not be able to push analysts out.
    auto older = [](auto& a, auto& b) {
      const bool a_anon = a.second.user.empty(), b_anon = b.second.user.empty();
      if (a_anon != b_anon) return a_anon;
      return a.second.last_seen < b.second.last_seen;
    };
    sessions_.erase(std::min_element(sessions_.begin(), sessions_.end(), older));
  }
  sessions_[s.id] = s;
  return s;
}

std::optional<Session> SessionStore::Find(const std::string& id) {
  const SteadyTime now = clock_.SteadyNow();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  Session& s = it->second;
  if (now - s.last_seen > limits_.idle || now - s.created > limits_.absolute) {
    sessions_.erase(it);
    return std::nullopt;
  }
  s.last_seen = now;
  return s;
}

void SessionStore::Destroy(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(id);
}

bool SessionStore::SetJustification(const std::string& id, const Justification& j) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return false;
  it->second.justification = j;
  return true;
}

size_t SessionStore::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

int64_t LoginThrottle::RetryAfterSeconds(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  const auto left = it->second.locked_until - clock_.SteadyNow();
  if (left <= std::chrono::nanoseconds::zero()) return 0;
  return std::chrono::ceil<std::chrono::seconds>(left).count();
}

void LoginThrottle::RecordFailure(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  // Names are chosen by whoever is guessing: keep the table bounded by
  // forgetting keys that are not locked now.
  if (entries_.size() >= 100000) {
    const SteadyTime now = clock_.SteadyNow();
    std::erase_if(entries_, [now](const auto& e) { return e.second.locked_until <= now; });
  }
  Entry& e = entries_[key];
  ++e.failures;
  const int over = e.failures - limits_.free_failures;
  if (over <= 0) return;
  auto lock_for = limits_.base_lock * (int64_t{1} << std::min(over - 1, 20));
  lock_for = std::min(lock_for, limits_.max_lock);
  e.locked_until = clock_.SteadyNow() + lock_for;
}

void LoginThrottle::RecordSuccess(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

}  // namespace harrier::review::ui
