// The billing plugin — tab "Billing": the plan catalog with each plan's
// Stripe payment link, and the customer portal.
//
//   GET|PUT /billing                       portal URL (host-served settings page) billing.read | billing.write
//   GET     /billing/plans                 the catalog (PlanCatalog.hpp)          billing.read
//   POST    /billing/plans, PATCH|DELETE /billing/plans/{id}                      billing.write
//
// The Billing tab (ui/src, TypeScript and Lit, <tabhost-billing>) shows the
// portal's page with the shell's settings form and the catalog beside it.
//
// Which plan new users get is the General tab's default_user_plan (plugin
// settings), checked against this catalog through the event
// "billing.plan.check": one setting, not two that could disagree.
#include "PlanCatalog.hpp"

namespace billing {

namespace {

using namespace tabhost::sdk;

class BillingPlugin final : public Plugin {
 public:
  Manifest manifest() const override {
    Manifest m;
    m.id = "billing";
    m.name = "Billing";
    m.version = "1.0.0";
    m.description = "Stripe payment links per plan and the customer portal.";
    m.tabTitle = "Billing";
    m.tabIcon = "credit-card";
    m.tabOrder = 50;
    m.permissions = {{"billing.read", "See plans, payment links and the portal", "supervisor"},
                     {"billing.write", "Change plans, payment links and the portal", "admin"}};
    SettingField portal = settingField("customer_portal_url", SettingType::Url, "Stripe customer portal (https)");
    portal.pattern = "https://.*";
    m.settings = {portal};
    return m;
  }

  void start(Registrar& r) override {
    r.settingsPage({"billing", "Billing", "/billing", "billing.read", "billing.write", {"customer_portal_url"}, {}});
    registerPlanCatalog(r);
    r.tabUi(embeddedUi(), "tabhost-billing", "tab.js");
  }
};

}  // namespace

}  // namespace billing

TABHOST_PLUGIN(billing::BillingPlugin, "billing", "1.0.0")
