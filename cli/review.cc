#include "cli/review.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/images.h"
#include "cli/table.h"

namespace harrier::cli {

namespace {

using nlohmann::json;

std::string Time(int64_t ms) { return FormatUtc(FromUnixMillis(ms)); }

void PrintJson(CommandContext& ctx, const json& j) {
  ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

// "Leeds", "Leeds and Hull", "Leeds, Hull and York"
std::string JoinTowns(const std::vector<std::string>& towns) {
  std::string out;
  for (size_t i = 0; i < towns.size(); ++i) {
    if (i > 0) out += i + 1 == towns.size() ? " and " : ", ";
    out += towns[i];
  }
  return out;
}

json PairJson(const store::ImageMatchView& v) {
  auto adverts = [](const std::vector<store::ImageAdvert>& list) {
    json a = json::array();
    for (const store::ImageAdvert& d : list) {
      a.push_back({{"document_id", d.document_id}, {"url", d.url}, {"title", d.title}});
    }
    return a;
  };
  const store::ImageMatchRow& m = v.match;
  return {{"id", m.id},
          {"image_a", m.image_a},
          {"image_b", m.image_b},
          {"distance", m.distance},
          {"method", m.method},
          {"found", Time(m.found_ms)},
          {"status", m.status},
          {"decided_by", m.decided_by},
          {"decided", m.decided_ms ? json(Time(*m.decided_ms)) : json(nullptr)},
          {"note", m.note},
          {"adverts_a", adverts(v.adverts_a)},
          {"adverts_b", adverts(v.adverts_b)}};
}

std::string AdvertIds(const std::vector<store::ImageAdvert>& list) {
  std::string out;
  for (const store::ImageAdvert& d : list) {
    out += (out.empty() ? "" : ",") + std::to_string(d.document_id);
  }
  return out.empty() ? "-" : out;
}

}  // namespace

bool IsWatchableKind(const std::string& name) {
  std::optional<SelectorKind> kind = ParseSelectorKind(name);
  return kind.has_value() && *kind != SelectorKind::kPlace;
}

Status CmdWatchlistAddSelector(CommandContext& ctx, const WatchSelectorRequest& request) {
  if (request.operation.empty()) return Status::InvalidArgument("--operation is required");
  if (request.reason.empty()) return Status::InvalidArgument("--reason is required");
  if (!IsWatchableKind(request.kind)) {
    return Status::InvalidArgument("cannot watch '" + request.kind +
                                   "' (use phone, email, postcode, wallet, handle, bank_account "
                                   "or iban)");
  }
  const SelectorKind kind = *ParseSelectorKind(request.kind);
  std::optional<std::string> value = ctx.extractor.Normalize(kind, request.value);
  if (!value)
    return Status::InvalidArgument("'" + request.value + "' is not a valid " + request.kind);
  const std::string object = "selector:" + request.kind + ":" + *value;
  // Audited before it is stored: who watches what, for which operation, why.
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "watchlist.add", object,
                                {{"operation", request.operation},
                                 {"watchlist_reason", request.reason},
                                 {"input", request.value}}));
  const int64_t now_ms = ToUnixMillis(ctx.clock.WallNow());
  store::WatchlistSelector entry;
  entry.kind = kind;
  entry.value = *value;
  entry.operation = request.operation;
  entry.reason = request.reason;
  entry.added_by = ctx.user;
  entry.added_ms = now_ms;
  Result<std::pair<int64_t, bool>> added = ctx.store.AddWatchlistSelector(entry);
  if (!added.ok()) return added.status();
  Result<std::vector<int64_t>> alerts = ctx.store.RaiseAlertsForWatchEntry(added->first, now_ms);
  if (!alerts.ok()) return alerts.status();
  if (!alerts->empty()) {
    HARRIER_RETURN_IF_ERROR(Audit(ctx, "combination.watchlist_match", object,
                                  {{"entry", added->first}, {"alerts", *alerts}}));
  }
  if (ctx.json) {
    PrintJson(ctx, {{"entry", added->first},
                    {"new", added->second},
                    {"kind", request.kind},
                    {"value", *value},
                    {"alerts", *alerts}});
    return Status::Ok();
  }
  ctx.out << "watchlist entry " << added->first << (added->second ? "" : " (already listed)")
          << ": " << request.kind << " " << *value << "; " << alerts->size()
          << " alert(s) for adverts already stored\n";
  return Status::Ok();
}

Status CmdWatchlistListAll(CommandContext& ctx) {
  // The photos as `watchlist list` always showed them (and audited them).
  std::ostringstream photos_out;
  CommandContext photos_ctx{ctx.store, ctx.extractor, ctx.clock, ctx.json ? photos_out : ctx.out,
                            ctx.json,  ctx.user,      ctx.reason};
  HARRIER_RETURN_IF_ERROR(CmdWatchlistList(photos_ctx));
  Result<std::vector<store::WatchlistSelector>> entries = ctx.store.ListWatchlistSelectors();
  if (!entries.ok()) return entries.status();
  json rows = json::array();
  Table t({"ENTRY", "KIND", "VALUE", "OPERATION", "ADDED", "BY", "REASON"}, 50);
  for (const store::WatchlistSelector& w : *entries) {
    const std::string kind(SelectorKindName(w.kind));
    t.AddRow(
        {std::to_string(w.id), kind, w.value, w.operation, Time(w.added_ms), w.added_by, w.reason});
    rows.push_back({{"entry", w.id},
                    {"kind", kind},
                    {"value", w.value},
                    {"operation", w.operation},
                    {"reason", w.reason},
                    {"added", Time(w.added_ms)},
                    {"added_by", w.added_by}});
  }
  if (ctx.json) {
    PrintJson(ctx,
              {{"photos", json::parse(photos_out.str(), nullptr, false)}, {"selectors", rows}});
  } else if (t.size() > 0) {
    ctx.out << "\nwatched selectors:\n";
    t.Print(ctx.out);
  }
  return Status::Ok();
}

Status CmdMovement(CommandContext& ctx, const std::string& kind_name, const std::string& value) {
  std::optional<SelectorKind> kind = ParseSelectorKind(kind_name);
  if (!kind) return Status::InvalidArgument("unknown selector kind '" + kind_name + "'");
  std::optional<std::string> normalised = ctx.extractor.Normalize(*kind, value);
  if (!normalised) return Status::InvalidArgument("'" + value + "' is not a valid " + kind_name);
  HARRIER_RETURN_IF_ERROR(
      Audit(ctx, "consultation.movement", kind_name + ":" + *normalised, {{"input", value}}));
  Result<store::Movement> moved = ctx.store.SelectorMovement(*kind, *normalised);
  if (!moved.ok()) return moved.status();
  std::vector<std::string> towns;
  json stops = json::array();
  Table t({"SEEN", "TOWN", "COUNTY", "POSTCODE", "SOURCE", "ADVERT"}, 60);
  for (const store::MovementStop& s : moved->stops) {
    if (!s.town.empty() && std::find(towns.begin(), towns.end(), s.town) == towns.end()) {
      towns.push_back(s.town);
    }
    t.AddRow({Time(s.first_seen_ms), s.town, s.county, s.postcode, s.source,
              std::to_string(s.document_id) + " " + s.url});
    stops.push_back({{"document_id", s.document_id},
                     {"url", s.url},
                     {"source", s.source},
                     {"title", s.title},
                     {"town", s.town},
                     {"county", s.county},
                     {"postcode", s.postcode},
                     {"first_seen", Time(s.first_seen_ms)}});
  }
  const auto days = static_cast<int64_t>(std::ceil(moved->span_days));
  if (ctx.json) {
    PrintJson(ctx, {{"kind", kind_name},
                    {"value", *normalised},
                    {"span_days", moved->span_days},
                    {"towns", towns},
                    {"stops", stops}});
    return Status::Ok();
  }
  if (moved->stops.empty()) {
    ctx.out << kind_name << " " << *normalised << ": not seen\n";
    return Status::Ok();
  }
  t.Print(ctx.out);
  ctx.out << "the same " << (*kind == SelectorKind::kPhone ? std::string("number") : kind_name)
          << " in " << SanitizeForTerminal(JoinTowns(towns)) << " within " << days
          << (days == 1 ? " day" : " days") << "\n";
  return Status::Ok();
}

Status CmdPairs(CommandContext& ctx, const std::string& status) {
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "consultation.image_pairs",
                                "image_pairs:" + (status.empty() ? "all" : status),
                                json::object()));
  Result<std::vector<store::ImageMatchView>> pairs = ctx.store.ListImageMatches(status, 1000);
  if (!pairs.ok()) return pairs.status();
  json rows = json::array();
  Table t({"PAIR", "STATUS", "DISTANCE", "METHOD", "IMAGE A", "ADVERTS A", "IMAGE B", "ADVERTS B"});
  for (const store::ImageMatchView& v : *pairs) {
    t.AddRow({std::to_string(v.match.id), v.match.status, std::to_string(v.match.distance),
              v.match.method, v.match.image_a.substr(0, 12), AdvertIds(v.adverts_a),
              v.match.image_b.substr(0, 12), AdvertIds(v.adverts_b)});
    rows.push_back(PairJson(v));
  }
  if (ctx.json) {
    PrintJson(ctx, rows);
  } else if (t.size() == 0) {
    ctx.out << "(no image pairs)\n";
  } else {
    t.Print(ctx.out);
  }
  return Status::Ok();
}

Status CmdPairDecide(CommandContext& ctx, int64_t id, const std::string& decision,
                     const std::string& note) {
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "alteration.image_pair", "image_pair:" + std::to_string(id),
                                {{"decision", decision}, {"note", note}}));
  HARRIER_RETURN_IF_ERROR(
      ctx.store.DecideImageMatch(id, decision, ctx.user, note, ToUnixMillis(ctx.clock.WallNow())));
  ctx.out << "image pair " << id << " " << decision << "\n";
  return Status::Ok();
}

Status CmdAuditVerify(CommandContext& ctx) {
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "consultation.audit_verify", "audit", json::object()));
  Result<int64_t> broken = ctx.store.VerifyAuditChain();
  if (!broken.ok()) return broken.status();
  Result<std::vector<store::AuditRow>> last = ctx.store.ListAudit(1);
  if (!last.ok()) return last.status();
  const int64_t rows = last->empty() ? 0 : last->front().id;
  if (ctx.json) PrintJson(ctx, {{"rows", rows}, {"intact", *broken == 0}, {"broken_at", *broken}});
  if (*broken != 0) {
    if (!ctx.json) ctx.out << "audit chain broken at row " << *broken << "\n";
    return Status::Corrupt("audit chain broken at row " + std::to_string(*broken));
  }
  if (!ctx.json) ctx.out << "audit chain intact: " << rows << " rows\n";
  return Status::Ok();
}

}  // namespace harrier::cli
