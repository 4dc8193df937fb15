// The plan catalog: id, name, price label and Stripe payment link (https).
// Other plugins ask whether a plan exists with the event
// "billing.plan.check" {plan_id}, and may refuse a plan's deletion by
// handling "billing.plan.removing" {plan_id}.
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace billing {

void registerPlanCatalog(tabhost::sdk::Registrar& r);

}  // namespace billing
