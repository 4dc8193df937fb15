// The impersonation plugin: support staff act as a user to see what they
// see; every action stays attributed to both.
//
//   POST   /impersonation            {user_id, reason, minutes?, read_only?} → become the user
//                                    (impersonation.become, cookie session, step-up)
//   DELETE /impersonation            stop: back to one's own session (open in read-only mode)
//   GET    /impersonation/policy     what the tenant's policy asks: reason, time box, read-only,
//                                    rank gap, notice to the user (impersonation.become)
//   GET    /impersonation/sessions   past and current impersonations: ?status ?user_id
//                                    ?impersonator_id ?limit ?cursor (audit.read)
//
// The host owns the mechanics and the rules no tenant may relax (see the
// SDK's impersonation.hpp); this plugin adds the tenant's policy from YAML
// (reason required, time box, read-only, rank gap, notice to the user).
#include "ImpersonationPolicy.hpp"
#include "ImpersonationRoutes.hpp"

namespace impersonation {

namespace {

using namespace tabhost::sdk;

class ImpersonationPlugin final : public Plugin {
 public:
  Manifest manifest() const override {
    Manifest m;
    m.id = "impersonation";
    m.name = "Impersonation";
    m.version = "1.0.0";
    m.description = "Act as a user to see what they see, with every action attributed to both.";
    m.settings = policySettings();
    return m;
  }

  void start(Registrar& r) override {
    registerSessionRoutes(r);
    registerHistoryRoutes(r);
  }
};

}  // namespace

}  // namespace impersonation

TABHOST_PLUGIN(impersonation::ImpersonationPlugin, "impersonation", "1.0.0")
