// Tabhost plugin SDK — everything a plugin needs, in one include.
#pragma once

#include "tabhost/sdk/abi.hpp"
#include "tabhost/sdk/audit.hpp"
#include "tabhost/sdk/db.hpp"
#include "tabhost/sdk/error.hpp"
#include "tabhost/sdk/identity.hpp"
#include "tabhost/sdk/json.hpp"
#include "tabhost/sdk/logger.hpp"
#include "tabhost/sdk/manifest.hpp"
#include "tabhost/sdk/outcome.hpp"
#include "tabhost/sdk/pagination.hpp"
#include "tabhost/sdk/plugin.hpp"
#include "tabhost/sdk/registrar.hpp"
#include "tabhost/sdk/request.hpp"
#include "tabhost/sdk/response.hpp"
#include "tabhost/sdk/settings.hpp"
#include "tabhost/sdk/time.hpp"
