// The review UI's accounts (app_user). See store.h "users".
#include "store/internal.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace {

constexpr char kUserSelect[] =
    "SELECT id, name, role, password_hash, created_ms, disabled FROM app_user ";

AppUser ReadUser(const Statement& q) {
  AppUser u;
  u.id = q.Int(0);
  u.name = q.Text(1);
  u.role = q.Text(2);
  u.password_hash = q.Text(3);
  u.created_ms = q.Int(4);
  u.disabled = q.Int(5) != 0;
  return u;
}

bool KnownRole(const std::string& role) {
  return role == "analyst" || role == "supervisor" || role == "operator";
}

}  // namespace

Result<int64_t> Store::AddUser(const AppUser& user) {
  if (!KnownRole(user.role)) {
    return Status::InvalidArgument("role must be analyst, supervisor or operator, not '" +
                                   user.role + "'");
  }
  if (user.name.empty()) return Status::InvalidArgument("a user needs a name");
  Result<std::optional<AppUser>> existing = GetUser(user.name);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Rejected("user '" + user.name + "' exists already");
  Statement q(db_,
              "INSERT INTO app_user (name, role, password_hash, created_ms, disabled) "
              "VALUES (?1, ?2, ?3, ?4, ?5)",
              "add user " + user.name);
  HARRIER_RETURN_IF_ERROR(
      q.Bind(user.name, user.role, user.password_hash, user.created_ms, user.disabled ? 1 : 0)
          .Run());
  return q.LastInsertId();
}

Result<std::optional<AppUser>> Store::GetUser(const std::string& name) {
  Statement q(db_, std::string(kUserSelect) + "WHERE name = ?1", "get user");
  q.Bind(name);
  Result<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AppUser>();
  return std::optional<AppUser>(ReadUser(q));
}

Result<std::vector<AppUser>> Store::ListUsers() {
  Statement q(db_, std::string(kUserSelect) + "ORDER BY name", "list users");
  std::vector<AppUser> users;
  HARRIER_RETURN_IF_ERROR(q.ForEach([&](const Statement& r) { users.push_back(ReadUser(r)); }));
  return users;
}

Status Store::SetUserDisabled(const std::string& name, bool disabled) {
  Statement q(db_, "UPDATE app_user SET disabled = ?2 WHERE name = ?1", "disable user " + name);
  HARRIER_RETURN_IF_ERROR(q.Bind(name, disabled ? 1 : 0).Run());
  if (q.Changes() == 0) return Status::NotFound("no user '" + name + "'");
  return Status::Ok();
}

Status Store::SetUserPassword(const std::string& name, const std::string& password_hash) {
  Statement q(db_, "UPDATE app_user SET password_hash = ?2 WHERE name = ?1",
              "set password of " + name);
  HARRIER_RETURN_IF_ERROR(q.Bind(name, password_hash).Run());
  if (q.Changes() == 0) return Status::NotFound("no user '" + name + "'");
  return Status::Ok();
}

}  // namespace harrier::store
