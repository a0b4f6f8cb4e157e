#include "cli/commands.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/table.h"

namespace harrier::cli {

namespace {

using nlohmann::json;

std::string Time(std::optional<int64_t> ms) {
  return ms ? FormatUtc(FromUnixMillis(*ms)) : std::string("-");
}

json TimeJson(std::optional<int64_t> ms) {
  return ms ? json(FormatUtc(FromUnixMillis(*ms))) : json(nullptr);
}

json DocumentJson(const store::DocumentSummary& d) {
  return {{"id", d.id},
          {"source", d.source},
          {"url", d.url},
          {"title", d.title},
          {"location", d.location},
          {"first_seen", FormatUtc(FromUnixMillis(d.first_seen_ms))},
          {"last_seen", FormatUtc(FromUnixMillis(d.last_seen_ms))},
          {"version", d.version},
          {"kind", d.kind}};
}

void PrintDocuments(CommandContext& ctx, const std::vector<store::DocumentSummary>& docs) {
  Table t({"ID", "KIND", "TITLE", "LOCATION", "LAST SEEN", "URL"}, 50);
  for (const auto& d : docs) {
    t.AddRow({std::to_string(d.id), d.kind, d.title, d.location,
              FormatUtc(FromUnixMillis(d.last_seen_ms)), d.url});
  }
  t.Print(ctx.out);
}

}  // namespace

Status Audit(CommandContext& ctx, const std::string& action, const std::string& object,
             json detail) {
  detail["reason"] = ctx.reason;
  Status st = ctx.store.AppendAudit(
      {ToUnixMillis(ctx.clock.WallNow()), ctx.user, action, object, detail.dump()});
  return st.WithContext("record consultation in the audit log (nothing was shown)");
}

Status CmdStatus(CommandContext& ctx) {
  Result<std::vector<store::SourceRow>> sources = ctx.store.ListSources();
  if (!sources.ok()) return sources.status();
  Result<store::Summary> summary = ctx.store.GetSummary();
  if (!summary.ok()) return summary.status();
  Result<std::vector<store::ErrorView>> errors = ctx.store.RecentErrors(10);
  if (!errors.ok()) return errors.status();
  if (ctx.json) {
    json j = {{"sources", json::array()}, {"errors", json::array()}};
    for (const auto& s : *sources) {
      j["sources"].push_back({{"name", s.name},
                              {"kind", s.kind},
                              {"authorisation_ref", s.authorisation_ref},
                              {"authorisation",
                               {{"ref", s.authorisation_ref},
                                {"type", s.authorisation_type},
                                {"authorised_by", s.authorised_by},
                                {"starts", s.authorisation_starts},
                                {"expires", s.authorisation_expires}}},
                              {"state", s.state.empty() ? "collecting" : s.state},
                              {"state_since", TimeJson(s.state_ms)},
                              {"last_run_started", TimeJson(s.last_run_started_ms)},
                              {"last_run_finished", TimeJson(s.last_run_finished_ms)},
                              {"next_run", TimeJson(s.next_run_ms)},
                              {"last_error", s.last_error}});
    }
    j["counts"] = {{"adverts", summary->documents},
                   {"versions", summary->document_versions},
                   {"captures", summary->captures},
                   {"images", summary->images},
                   {"mentions", summary->mentions}};
    for (const auto& e : *errors) {
      j["errors"].push_back({{"source", e.source},
                             {"url", e.url},
                             {"error", e.error},
                             {"at", FormatUtc(FromUnixMillis(e.at_ms))}});
    }
    for (auto& js : j["sources"]) {
      const auto row = std::find_if(sources->begin(), sources->end(), [&](const auto& s) {
        return s.name == js["name"].get<std::string>();
      });
      Result<std::vector<std::pair<std::string, std::string>>> gone =
          ctx.store.ListPermanentFailures(row->id);
      if (!gone.ok()) return gone.status();
      js["unavailable"] = json::array();
      for (const auto& [url, why] : *gone)
        js["unavailable"].push_back({{"url", url}, {"why", why}});
    }
    ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    return Status::Ok();
  }
  Table t({"SOURCE", "STATE", "AUTHORISATION", "LAST RUN", "FINISHED", "NEXT RUN", "LAST ERROR"});
  for (const auto& s : *sources) {
    std::string authorisation = "(none)";
    if (!s.authorisation_ref.empty()) {
      authorisation = s.authorisation_ref + " (" + s.authorisation_type + ", until " +
                      s.authorisation_expires + ")";
    }
    t.AddRow({s.name, s.state.empty() ? "collecting" : "REFUSED", authorisation,
              Time(s.last_run_started_ms), Time(s.last_run_finished_ms), Time(s.next_run_ms),
              s.last_error.empty() ? "-" : s.last_error});
  }
  t.Print(ctx.out);
  for (const auto& s : *sources) {
    if (s.state.empty()) continue;
    ctx.out << "\n"
            << s.name << " is not being collected (since " << Time(s.state_ms) << "): " << s.state
            << "\n";
  }
  // Channels without a public preview, accounts gone: not asked again
  // until someone decides otherwise.
  for (const auto& s : *sources) {
    Result<std::vector<std::pair<std::string, std::string>>> gone =
        ctx.store.ListPermanentFailures(s.id);
    if (!gone.ok()) return gone.status();
    if (gone->empty()) continue;
    ctx.out << "\n"
            << s.name << ": not asked again (harrier source retry " << s.name
            << " --reason ... asks again):\n";
    for (const auto& [url, why] : *gone) ctx.out << "  " << url << "\n    " << why << "\n";
  }
  ctx.out << "\nadverts " << summary->documents << ", versions " << summary->document_versions
          << ", captures " << summary->captures << ", images " << summary->images << ", mentions "
          << summary->mentions << "\n";
  if (!errors->empty()) {
    ctx.out << "\nrecent errors:\n";
    Table e({"TIME", "SOURCE", "URL", "ERROR"}, 70);
    for (const auto& err : *errors) {
      e.AddRow({FormatUtc(FromUnixMillis(err.at_ms)), err.source, err.url, err.error});
    }
    e.Print(ctx.out);
  }
  return Status::Ok();
}

Status CmdSummary(CommandContext& ctx) {
  Result<store::Summary> s = ctx.store.GetSummary();
  if (!s.ok()) return s.status();
  if (ctx.json) {
    json j = {{"adverts", s->documents},     {"versions", s->document_versions},
              {"captures", s->captures},     {"images", s->images},
              {"selectors", json::object()}, {"shared", json::array()}};
    for (const auto& k : s->selectors_by_kind) j["selectors"][k.kind] = k.count;
    for (const auto& sh : s->shared) {
      j["shared"].push_back({{"kind", sh.kind}, {"value", sh.value}, {"adverts", sh.document_ids}});
    }
    ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    return Status::Ok();
  }
  ctx.out << "adverts:  " << s->documents << " (" << s->document_versions << " versions)\n"
          << "images:   " << s->images << "\n"
          << "captures: " << s->captures << "\n"
          << "selectors:";
  for (const auto& k : s->selectors_by_kind) ctx.out << " " << k.kind << " " << k.count;
  ctx.out << "\n\nselectors shared by more than one advert:\n";
  Table t({"KIND", "VALUE", "ADVERTS", "IDS"}, 70);
  for (const auto& sh : s->shared) {
    std::string ids;
    for (int64_t id : sh.document_ids) {
      if (!ids.empty()) ids += ' ';
      ids += std::to_string(id);
    }
    t.AddRow({sh.kind, sh.value, std::to_string(sh.document_ids.size()), ids});
  }
  if (t.size() == 0)
    ctx.out << "(none)\n";
  else
    t.Print(ctx.out);
  return Status::Ok();
}

Status CmdSearch(CommandContext& ctx, const std::string& kind_name, const std::string& value) {
  std::optional<SelectorKind> kind = ParseSelectorKind(kind_name);
  if (!kind)
    return Status::InvalidArgument("unknown selector kind '" + kind_name +
                                   "' (use phone, email or postcode)");
  std::optional<std::string> normalised = ctx.extractor.Normalize(*kind, value);
  if (!normalised) {
    return Status::InvalidArgument("'" + value + "' is not a valid " + kind_name);
  }
  HARRIER_RETURN_IF_ERROR(
      Audit(ctx, "consultation.search", kind_name + ":" + *normalised, {{"input", value}}));
  Result<std::vector<store::DocumentSummary>> docs =
      ctx.store.FindDocumentsBySelector(*kind, *normalised);
  if (!docs.ok()) return docs.status();
  // Companies, officers and PSCs that carry the selector (an address's
  // postcode, a person's name).
  Result<std::vector<store::RegistryEntityRef>> registry =
      ctx.store.RegistryEntitiesForSelector(*kind, *normalised);
  if (!registry.ok()) return registry.status();
  if (ctx.json) {
    json j = {{"kind", kind_name},
              {"value", *normalised},
              {"adverts", json::array()},
              {"registry", json::array()}};
    for (const auto& d : *docs) j["adverts"].push_back(DocumentJson(d));
    for (const auto& e : *registry) {
      j["registry"].push_back({{"entity", e.entity_kind},
                               {"key", e.key},
                               {"name", e.name},
                               {"role", e.role},
                               {"current", e.current}});
    }
    ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    return Status::Ok();
  }
  ctx.out << kind_name << " " << *normalised << ": " << docs->size() << " document(s)";
  if (!registry->empty()) ctx.out << ", " << registry->size() << " registry record(s)";
  ctx.out << "\n";
  if (!docs->empty()) PrintDocuments(ctx, *docs);
  if (!registry->empty()) {
    Table t({"REGISTRY", "NUMBER / ID", "NAME", "AS", "NOW"});
    for (const auto& e : *registry) {
      t.AddRow({e.entity_kind, e.key, e.name, e.role, e.current ? "yes" : "no (history)"});
    }
    t.Print(ctx.out);
  }
  return Status::Ok();
}

namespace {

// Every rule that fired, with what fired it: a score is never shown alone.
json IndicatorsJson(const std::optional<store::IndicatorView>& v) {
  if (!v) return nullptr;
  json hits = json::array();
  for (const auto& h : v->hits) {
    hits.push_back({{"rule", h.rule_id},
                    {"name", h.name},
                    {"category", h.category},
                    {"weight", h.weight},
                    {"counted", h.counted},
                    {"field", h.field},
                    {"matched", h.matched},
                    {"snippet", h.snippet},
                    {"rationale", h.rationale}});
  }
  return {{"ruleset", v->ruleset_version},
          {"score", v->score},
          {"band", v->band},
          {"headline", v->headline},
          {"hits", std::move(hits)}};
}

void PrintIndicators(const std::optional<store::IndicatorView>& v, std::ostream& out) {
  if (!v) return;
  out << "\nindicators (rules " << SanitizeForTerminal(v->ruleset_version) << "): score "
      << v->score << ", " << SanitizeForTerminal(v->band)
      << " (orders the review queue; an analyst decides)\n";
  if (v->hits.empty()) return;
  Table t({"RULE", "NAME", "WEIGHT", "FIELD", "MATCHED", "WHY"}, 60);
  for (const auto& h : v->hits) {
    t.AddRow({h.rule_id, h.name, h.counted ? h.weight : h.weight + " (context only)", h.field,
              h.matched, h.rationale});
  }
  t.Print(out);
}

}  // namespace

Status CmdShowAdvert(CommandContext& ctx, int64_t id) {
  HARRIER_RETURN_IF_ERROR(
      Audit(ctx, "consultation.show", "document:" + std::to_string(id), json::object()));
  Result<std::optional<store::DocumentDetail>> detail = ctx.store.GetDocument(id);
  if (!detail.ok()) return detail.status();
  if (!*detail) return Status::NotFound("no advert with id " + std::to_string(id));
  const store::DocumentDetail& d = **detail;
  if (ctx.json) {
    json j = DocumentJson(d.summary);
    j["body"] = d.body;
    j["posted"] = d.posted;
    j["versions"] = d.versions;
    // A post's views, forwards, replies and tags as captured (no exception on
    // a damaged value: it reads as null).
    j["meta"] = json::parse(d.meta, nullptr, /*allow_exceptions=*/false);
    j["selectors"] = json::array();
    for (const auto& m : d.mentions) {
      j["selectors"].push_back({{"kind", m.kind},
                                {"value", m.value},
                                {"field", m.field},
                                {"raw", m.raw},
                                {"snippet", m.snippet},
                                {"detail", m.detail},
                                {"confidence", m.confidence}});
    }
    j["indicators"] = IndicatorsJson(d.indicators);
    j["images"] = json::array();
    for (const auto& im : d.images) {
      j["images"].push_back({{"url", im.url},
                             {"sha256", im.sha256},
                             {"size", im.size},
                             {"mime", im.mime},
                             {"file", im.blob_path}});
    }
    j["captures"] = json::array();
    for (const auto& c : d.captures) {
      j["captures"].push_back({{"id", c.id},
                               {"url", c.url},
                               {"final_url", c.final_url},
                               {"status", c.http_status},
                               {"fetched", FormatUtc(FromUnixMillis(c.fetched_ms))},
                               {"sha256", c.body_sha256},
                               {"remote_ip", c.remote_ip},
                               {"file", c.blob_path}});
    }
    ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    return Status::Ok();
  }
  const auto& s = d.summary;
  ctx.out << s.kind << " " << s.id << "  [" << SanitizeForTerminal(s.source) << "]\n"
          << "title:      " << SanitizeForTerminal(s.title) << "\n"
          << "location:   " << SanitizeForTerminal(s.location) << "\n"
          << "posted:     " << SanitizeForTerminal(d.posted) << "\n"
          << "url:        " << SanitizeForTerminal(s.url) << "\n"
          << "first seen: " << FormatUtc(FromUnixMillis(s.first_seen_ms)) << "\n"
          << "last seen:  " << FormatUtc(FromUnixMillis(s.last_seen_ms)) << "\n"
          << "version:    " << s.version << " of " << d.versions << "\n";
  if (d.meta != "{}") ctx.out << "details:    " << SanitizeForTerminal(d.meta) << "\n";
  ctx.out << "\n";
  ctx.out << "text:\n";
  std::string body = d.body;
  for (size_t start = 0; start < body.size();) {
    size_t nl = body.find('\n', start);
    std::string line = body.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    ctx.out << "  " << SanitizeForTerminal(line) << "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  ctx.out << "\nselectors:\n";
  Table m({"KIND", "VALUE", "FIELD", "SNIPPET", "DETAIL"}, 80);
  for (const auto& x : d.mentions) m.AddRow({x.kind, x.value, x.field, x.snippet, x.detail});
  m.Print(ctx.out);
  PrintIndicators(d.indicators, ctx.out);
  ctx.out << "\nimages:\n";
  Table im({"SHA-256", "TYPE", "BYTES", "URL"}, 70);
  for (const auto& x : d.images) {
    im.AddRow(
        {x.sha256.empty() ? "(not fetched)" : x.sha256, x.mime, std::to_string(x.size), x.url});
  }
  im.Print(ctx.out);
  ctx.out << "\ncaptures (evidence):\n";
  Table c({"ID", "FETCHED (UTC)", "STATUS", "SHA-256", "REMOTE IP", "FILE"}, 80);
  for (const auto& x : d.captures) {
    c.AddRow({std::to_string(x.id), FormatUtc(FromUnixMillis(x.fetched_ms)),
              std::to_string(x.http_status), x.body_sha256, x.remote_ip, x.blob_path});
  }
  c.Print(ctx.out);
  return Status::Ok();
}

Status CmdSourceRetry(CommandContext& ctx, const std::string& name) {
  if (ctx.reason.empty()) {
    return Status::InvalidArgument("source retry: say why with --reason (it is audited)");
  }
  Result<std::vector<store::SourceRow>> sources = ctx.store.ListSources();
  if (!sources.ok()) return sources.status();
  const auto row = std::find_if(sources->begin(), sources->end(),
                                [&](const store::SourceRow& s) { return s.name == name; });
  if (row == sources->end()) return Status::NotFound("no source named " + name);
  Result<std::vector<std::pair<std::string, std::string>>> gone =
      ctx.store.ListPermanentFailures(row->id);
  if (!gone.ok()) return gone.status();
  json urls = json::array();
  for (const auto& [url, why] : *gone) urls.push_back(url);
  HARRIER_RETURN_IF_ERROR(
      Audit(ctx, "alteration.source_retry", "source:" + name, {{"urls", urls}}));
  Result<int> cleared = ctx.store.ClearPermanentFailures(row->id);
  if (!cleared.ok()) return cleared.status();
  ctx.out << name << ": " << *cleared << " URLs will be asked again at its next run\n";
  return Status::Ok();
}

}  // namespace harrier::cli
