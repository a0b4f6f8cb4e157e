// Registry records (issue 6): /company/NUMBER (profile, officers, PSCs,
// recorded changes, the adverts at its postcodes) and the registry sections
// the record pages add: "3 adverts and 2 companies share this postcode" on
// a postcode search, the companies at an advert's or a cluster's postcodes.
// Registry text is as hostile as scraped text: everything goes through
// HtmlEscape.
#include <set>

#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Or(const std::string& s, const char* fallback) {
  return s.empty() ? std::string(fallback) : HtmlEscape(s);
}

std::string CompanyHref(const std::string& number) {
  return "/company/" + HtmlEscape(UrlEncode(number));
}

std::string PostcodeLink(const std::string& postcode) {
  return "<a class=\"postcode-link\" href=\"/search?" +
         HtmlEscape("kind=postcode&value=" + UrlEncode(postcode)) + "\">" + HtmlEscape(postcode) +
         "</a>";
}

std::string AdvertLinks(const std::vector<store::DocumentSummary>& adverts) {
  std::string s = "<ul class=\"shared-adverts\">";
  for (const store::DocumentSummary& d : adverts) {
    const std::string id = std::to_string(d.id);
    s += "<li><a class=\"advert-link\" href=\"/adverts/" + id + "\">advert " + id + "</a> " +
         HtmlEscape(d.title) + " <span class=\"url\">" + HtmlEscape(d.url) + "</span></li>";
  }
  return s + "</ul>";
}

std::string CompanyItem(const store::RegistryCompanyAtPostcode& c) {
  return "<li class=\"company-item\" data-current=\"" + std::string(c.current ? "true" : "false") +
         "\"><a class=\"company-link\" href=\"" + CompanyHref(c.number) + "\">" +
         HtmlEscape(c.number) + "</a> " + Or(c.name, "(name not yet known)") + " (" +
         Or(c.status, "status unknown") + ") at " + HtmlEscape(c.postcode) +
         (c.current ? "" : ", formerly registered there") + "</li>";
}

std::string ProfileSection(const store::RegistryCompanyView& c) {
  std::string sic;
  for (const std::string& code : c.sic) sic += (sic.empty() ? "" : ", ") + HtmlEscape(code);
  std::string previous;
  for (const std::string& n : c.previous_names) {
    previous += (previous.empty() ? "" : "; ") + HtmlEscape(n);
  }
  std::string s = "<h2 id=\"company-name\">" + Or(c.name, "(name not yet known)") + "</h2>";
  if (c.version == 0) {
    s += "<p id=\"company-stub\">Known only from a PSC or an appointment: no profile yet.</p>";
  }
  s += "<dl id=\"company-profile\"><dt>Number</dt><dd id=\"company-number\">" +
       HtmlEscape(c.number) + "</dd><dt>Status</dt><dd id=\"company-status\">" + Or(c.status, "-") +
       "</dd><dt>Type</dt><dd>" + Or(c.type, "-") + "</dd><dt>Incorporated</dt><dd>" +
       Or(c.created, "-") + "</dd>";
  if (!c.ceased.empty()) s += "<dt>Ceased</dt><dd>" + HtmlEscape(c.ceased) + "</dd>";
  s += "<dt>SIC</dt><dd>" + (sic.empty() ? std::string("-") : sic) +
       "</dd><dt>Registered office</dt><dd id=\"company-office\">" +
       Or(c.registered_office.full, "-");
  if (!c.registered_office.postal_code.empty()) {
    s += " (" + PostcodeLink(c.registered_office.postal_code) + ")";
  }
  s += "</dd>";
  if (!previous.empty()) s += "<dt>Previous names</dt><dd>" + previous + "</dd>";
  return s + "<dt>Record</dt><dd>" + HtmlEscape(c.source) + ", version " +
         std::to_string(c.version) + ", seen " + UtcText(c.first_seen_ms) + " to " +
         UtcText(c.last_seen_ms) + "</dd></dl>";
}

std::string PeopleSection(const store::RegistryCompanyView& c) {
  std::string s =
      "<h2>Officers</h2><table id=\"company-officers\"><thead><tr><th>Name</th><th>Role</th>"
      "<th>Appointed</th><th>Resigned</th></tr></thead><tbody>";
  for (const store::RegistryOfficerView& o : c.officers) {
    s += "<tr class=\"officer-row\"><td>" + HtmlEscape(o.name) + "</td><td>" + HtmlEscape(o.role) +
         "</td><td>" + Or(o.appointed_on, "-") + "</td><td>" + Or(o.resigned_on, "-") +
         "</td></tr>";
  }
  s += "</tbody></table><h2>Persons with significant control</h2><table id=\"company-pscs\">"
       "<thead><tr><th>Name</th><th>Kind</th><th>Natures of control</th><th>Notified</th>"
       "<th>Ceased</th></tr></thead><tbody>";
  for (const store::RegistryPscView& p : c.pscs) {
    std::string natures;
    for (const std::string& n : p.natures) natures += (natures.empty() ? "" : ", ") + HtmlEscape(n);
    s += "<tr class=\"psc-row\"><td>" + Or(p.name, "(withheld)") + "</td><td>" +
         HtmlEscape(p.kind) + "</td><td>" + natures + "</td><td>" + Or(p.notified_on, "-") +
         "</td><td>" + Or(p.ceased_on, "-") + "</td></tr>";
  }
  return s + "</tbody></table>";
}

std::string ChangesSection(const std::vector<store::RegistryChangeRow>& changes) {
  std::string s =
      "<h2>Recorded changes</h2><table id=\"company-changes\"><thead><tr><th>Seen</th>"
      "<th>Change</th><th>Detail</th></tr></thead><tbody>";
  for (const store::RegistryChangeRow& ch : changes) {
    s += "<tr class=\"change-row\" data-kind=\"" + HtmlEscape(ch.kind) + "\"><td>" +
         UtcText(ch.seen_ms) + "</td><td>" + HtmlEscape(ch.kind) + "</td><td><code>" +
         HtmlEscape(ch.detail) + "</code></td></tr>";
  }
  return s + "</tbody></table>";
}

std::string PostcodesSection(const std::vector<store::RegistryPostcodeAdverts>& postcodes) {
  std::string s = "<h2>Adverts at its postcodes</h2><ul id=\"company-postcodes\">";
  for (const store::RegistryPostcodeAdverts& pc : postcodes) {
    std::string who;
    for (const store::RegistryPostcodeParty& p : pc.parties) {
      who += (who.empty() ? "" : "; ") +
             (p.role == "registered_office"
                  ? std::string("registered office")
                  : (p.role == "psc" ? "PSC " : "officer ") + HtmlEscape(p.name));
    }
    s += "<li class=\"company-postcode\"><span class=\"postcode-summary\">" +
         Plural(pc.adverts.size(), "advert shares", "adverts share") + " postcode " +
         PostcodeLink(pc.postcode) + "</span> (" + who + ")" + AdvertLinks(pc.adverts) + "</li>";
  }
  return s + "</ul>";
}

void ShowCompany(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  const std::string number = store::NormalizeCompanyNumber(req.matches[1].str());
  if (number.empty()) return SendError(app, &*s, res, 404, "Not a company number.");
  if (!AuditAs(app, *s, "consultation.company", "company:" + number, json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  std::optional<store::RegistryCompanyView> company;
  std::vector<store::RegistryChangeRow> changes;
  std::vector<store::RegistryPostcodeAdverts> postcodes;
  const Status st = app.WithStore([&](store::Store& store) {
    Result<std::optional<store::RegistryCompanyView>> c = store.GetCompany(number);
    if (!c.ok() || !*c) return c.status();
    company = std::move(*c);
    Result<std::vector<store::RegistryChangeRow>> ch = store.ListCompanyChanges(number);
    if (!ch.ok()) return ch.status();
    changes = std::move(*ch);
    Result<std::vector<store::RegistryPostcodeAdverts>> pc =
        store.AdvertsAtCompanyPostcodes(number);
    if (!pc.ok()) return pc.status();
    postcodes = std::move(*pc);
    return Status::Ok();
  });
  if (!st.ok()) return SendError(app, &*s, res, 500, st.message());
  if (!company) return SendError(app, &*s, res, 404, "No company " + number + " is stored.");
  SendPage(app, &*s, res, "Company " + number,
           ProfileSection(*company) + PeopleSection(*company) + ChangesSection(changes) +
               PostcodesSection(postcodes));
}

}  // namespace

std::string ShareSentence(size_t adverts, size_t companies) {
  return Plural(adverts, "advert", "adverts") + " and " +
         Plural(companies, "company", "companies") + " share this postcode";
}

Result<std::string> PostcodeRegistrySection(App& app, const std::string& postcode,
                                            const std::vector<store::DocumentSummary>& adverts) {
  std::vector<store::RegistryCompanyAtPostcode> companies;
  std::vector<store::RegistryEntityRef> people;
  const Status st = app.WithStore([&](store::Store& store) {
    Result<std::vector<store::RegistryCompanyAtPostcode>> c =
        store.CompaniesAtPostcodes({postcode});
    if (!c.ok()) return c.status();
    companies = std::move(*c);
    Result<std::vector<store::RegistryEntityRef>> p =
        store.RegistryEntitiesForSelector(SelectorKind::kPostcode, postcode);
    if (!p.ok()) return p.status();
    people = std::move(*p);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::set<std::string> here;  // counted: registered there now, each once
  for (const auto& c : companies) {
    if (c.current) here.insert(c.number);
  }
  std::string s = "<section id=\"postcode-sharing\"><p id=\"postcode-sharing-summary\">" +
                  ShareSentence(adverts.size(), here.size()) + ".</p>" + AdvertLinks(adverts) +
                  "<ul id=\"postcode-companies\">";
  for (const auto& c : companies) s += CompanyItem(c);
  s += "</ul><ul id=\"postcode-people\">";
  for (const store::RegistryEntityRef& p : people) {
    if (p.entity_kind == "company") continue;
    s += "<li class=\"registry-person\">" +
         std::string(p.entity_kind == "psc" ? "PSC " : "officer ") + HtmlEscape(p.name);
    if (p.entity_kind == "psc") {
      s += " of <a class=\"company-link\" href=\"" + CompanyHref(p.key) + "\">" +
           HtmlEscape(p.key) + "</a>";
    }
    s += std::string(p.current ? "" : " (address since changed)") + "</li>";
  }
  return s + "</ul></section>";
}

std::string CompaniesSection(const std::string& id, const std::string& heading,
                             const std::vector<store::RegistryCompanyAtPostcode>& companies) {
  if (companies.empty()) return "";
  std::string s = "<h2>" + HtmlEscape(heading) + "</h2><ul id=\"" + HtmlEscape(id) + "\">";
  for (const auto& c : companies) s += CompanyItem(c);
  return s + "</ul>";
}

Result<std::string> AdvertCompaniesSection(App& app,
                                           const std::vector<store::MentionView>& mentions) {
  std::vector<std::string> postcodes;
  for (const store::MentionView& m : mentions) {
    if (m.kind == SelectorKindName(SelectorKind::kPostcode)) postcodes.push_back(m.value);
  }
  if (postcodes.empty()) return std::string();
  Result<std::vector<store::RegistryCompanyAtPostcode>> companies =
      app.WithStore([&](store::Store& store) { return store.CompaniesAtPostcodes(postcodes); });
  if (!companies.ok()) return companies.status();
  return CompaniesSection("advert-companies", "Companies at its postcodes", *companies);
}

Result<std::string> ClusterCompaniesSection(App& app, int64_t cluster_id) {
  Result<std::vector<store::RegistryCompanyAtPostcode>> companies = app.WithStore(
      [&](store::Store& store) { return store.CompaniesAtClusterPostcodes(cluster_id); });
  if (!companies.ok()) return companies.status();
  return CompaniesSection("cluster-companies", "Companies at these postcodes", *companies);
}

void AddRegistryRoutes(httplib::Server& server, App& app) {
  server.Get(
      R"(/company/([A-Za-z0-9]{1,8}))",
      [&app](const httplib::Request& req, httplib::Response& res) { ShowCompany(app, req, res); });
}

}  // namespace harrier::review::ui
