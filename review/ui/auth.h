// Authentication for the review UI: argon2id password hashes (libsodium),
// server-side sessions with a CSRF token and the analyst's justification,
// and login throttling per user name and per client address.
// Thread-safety: SessionStore and LoginThrottle lock internally; the
// password functions are thread-safe.
#ifndef HARRIER_REVIEW_UI_AUTH_H_
#define HARRIER_REVIEW_UI_AUTH_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/status.h"

namespace harrier::review::ui {

// argon2id, t=2, m=19 MiB, p=1 (OWASP's minimum; security.md section 5).
inline constexpr unsigned long long kPasswordOpsLimit = 2;
inline constexpr size_t kPasswordMemLimit = size_t{19} << 20;

// The PHC string ("$argon2id$v=19$m=19456,t=2,p=1$..."). Internal when
// libsodium cannot initialise or runs out of memory.
Result<std::string> HashPassword(const std::string& password);
// True when `password` matches `phc`. False for a malformed hash.
bool VerifyPassword(const std::string& phc, const std::string& password);
// 256 random bits from libsodium's CSPRNG, as 64 hex digits.
std::string RandomToken();

struct Justification {
  std::string operation;  // operation name or URN
  std::string text;
};

struct Session {
  std::string id;    // 64 hex digits; the cookie value
  std::string user;  // empty: a pre-login session (carries the login form's CSRF token)
  std::string role;
  std::string csrf;
  SteadyTime created;
  SteadyTime last_seen;
  std::optional<Justification> justification;
};

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 3600};
  size_t max_sessions = 10000;  // the oldest are dropped beyond this
};

class SessionStore {
 public:
  SessionStore(const Clock& clock, SessionLimits limits) : clock_(clock), limits_(limits) {}
  // A new session with fresh id and CSRF token (user "" for pre-login).
  Session Create(const std::string& user, const std::string& role);
  // The live session with this id, its idle timer restarted; nullopt when
  // unknown, logged out, idle too long or past its absolute lifetime (an
  // expired one is deleted).
  std::optional<Session> Find(const std::string& id);
  void Destroy(const std::string& id);
  // False when the session is gone.
  bool SetJustification(const std::string& id, const Justification& j);
  size_t size() const;

 private:
  const Clock& clock_;
  SessionLimits limits_;
  mutable std::mutex mu_;
  std::map<std::string, Session> sessions_;
};

// Failed logins counted per key ("user:NAME", "addr:IP"). From the fifth
// failure in a row a key is locked: base_lock, doubling with each further
// failure, at most max_lock. Nothing sleeps: a locked key is refused.
class LoginThrottle {
 public:
  struct Limits {
    int free_failures = 4;
    std::chrono::seconds base_lock{60};
    std::chrono::seconds max_lock{3600};
  };
  LoginThrottle(const Clock& clock, Limits limits) : clock_(clock), limits_(limits) {}
  // Seconds until the key may try again; 0 when it may now.
  int64_t RetryAfterSeconds(const std::string& key) const;
  void RecordFailure(const std::string& key);
  void RecordSuccess(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    SteadyTime locked_until{};
  };
  const Clock& clock_;
  Limits limits_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace harrier::review::ui

#endif  // HARRIER_REVIEW_UI_AUTH_H_
