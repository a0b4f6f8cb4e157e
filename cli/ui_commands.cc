// See ui_commands.h.
#include "cli/ui_commands.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/table.h"
#include "review/ui/auth.h"

namespace harrier::cli {

namespace {

using nlohmann::json;

// One line from `in`, without echo when it is the terminal.
std::string ReadSecretLine(std::istream& in, bool interactive, const char* prompt) {
  termios saved{};
  const bool tty = interactive && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    std::cerr << prompt << std::flush;
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(in, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << '\n';
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

Status CmdUserAdd(CommandContext& ctx, const std::string& name, const std::string& role,
                  std::istream& password_in, bool interactive) {
  const std::string password = ReadSecretLine(password_in, interactive, "Password: ");
  if (password.size() < 12) {
    return Status::InvalidArgument(
        "the password must have at least 12 characters (read from stdin)");
  }
  if (interactive && isatty(STDIN_FILENO) &&
      ReadSecretLine(password_in, interactive, "Again: ") != password) {
    return Status::InvalidArgument("the passwords differ");
  }
  Result<std::string> hash = review::ui::HashPassword(password);
  if (!hash.ok()) return hash.status();
  store::AppUser user{0, name, role, *hash, ToUnixMillis(ctx.clock.WallNow()), false};
  Status st = ctx.store.InTransaction([&]() -> Status {
    Result<int64_t> id = ctx.store.AddUser(user);
    if (!id.ok()) return id.status();
    return Audit(ctx, "alteration.user_added", "user:" + name, {{"role", role}});
  });
  HARRIER_RETURN_IF_ERROR(st);
  ctx.out << "added " << role << " " << name << '\n';
  return Status::Ok();
}

Status CmdUserList(CommandContext& ctx) {
  Result<std::vector<store::AppUser>> users = ctx.store.ListUsers();
  if (!users.ok()) return users.status();
  if (ctx.json) {
    json j = json::array();
    for (const auto& u : *users) {
      j.push_back({{"name", u.name},
                   {"role", u.role},
                   {"created", FormatUtc(FromUnixMillis(u.created_ms))},
                   {"disabled", u.disabled}});
    }
    ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    return Status::Ok();
  }
  Table t({"NAME", "ROLE", "CREATED", "DISABLED"});
  for (const auto& u : *users) {
    t.AddRow({u.name, u.role, FormatUtc(FromUnixMillis(u.created_ms)), u.disabled ? "yes" : "no"});
  }
  if (t.size() == 0)
    ctx.out << "(none)\n";
  else
    t.Print(ctx.out);
  return Status::Ok();
}

Status CmdUserDisable(CommandContext& ctx, const std::string& name) {
  HARRIER_RETURN_IF_ERROR(ctx.store.InTransaction([&]() -> Status {
    HARRIER_RETURN_IF_ERROR(ctx.store.SetUserDisabled(name, true));
    return Audit(ctx, "alteration.user_disabled", "user:" + name, json::object());
  }));
  ctx.out << "disabled " << name << '\n';
  return Status::Ok();
}

Status CmdServe(const review::ui::UiServerOptions& options, const Clock& clock,
                extractors::TextExtractor extractor, std::ostream& out) {
  // Block the signals before the server's threads start, so they inherit
  // the mask and only sigwait below sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  review::ui::UiServer server(options, clock, std::move(extractor));
  Result<int> port = server.Start();
  if (!port.ok()) return port.status();
  const bool tls = !options.ui.tls_cert.empty();
  out << "serving " << (tls ? "https://" : "http://") << options.ui.bind << ":" << *port << "/"
      << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  server.Stop();
  return Status::Ok();
}

}  // namespace harrier::cli
