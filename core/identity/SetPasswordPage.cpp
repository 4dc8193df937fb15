#include "core/identity/SetPasswordPage.hpp"

namespace tabhost::core {

// Self-contained (no external script or style) so it works before any UI is
// installed. Branding comes from GET /branding.
const std::string_view kSetPasswordPage = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Choose your password</title>
<style>
  body { font-family: sans-serif; margin: 0; color: #0f172a; }
  main { max-width: 26rem; margin: 4rem auto; padding: 2rem; border-top: 6px solid var(--brand, #334155); }
  label { display: block; margin: 1rem 0 .25rem; }
  input { width: 100%; padding: .5rem; box-sizing: border-box; }
  button { margin-top: 1.5rem; padding: .6rem 1.2rem; background: var(--brand, #334155); color: #fff; border: 0; }
  #message { margin-top: 1rem; }
</style>
</head>
<body>
<main>
  <h1 id="product">Choose your password</h1>
  <form id="form">
    <label for="password">New password (at least 8 characters)</label>
    <input id="password" type="password" autocomplete="new-password" required minlength="8">
    <label for="again">The same again</label>
    <input id="again" type="password" autocomplete="new-password" required minlength="8">
    <button type="submit">Save password</button>
  </form>
  <p id="message" role="status"></p>
</main>
<script>
  const fragment = new URLSearchParams(location.hash.slice(1));
  // The token leaves the address bar (and the history) at once.
  history.replaceState(null, "", location.pathname);
  const purpose = fragment.has("invite") ? "invite" : "reset";
  const token = fragment.get(purpose) || "";
  const api = "../../api/v1";
  const say = (text) => { document.getElementById("message").textContent = text; };
  fetch(api + "/branding").then((r) => r.json()).then((b) => {
    document.getElementById("product").textContent = b.product_name;
    if (b.primary_color) document.body.style.setProperty("--brand", b.primary_color);
  }).catch(() => {});
  document.getElementById("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const password = document.getElementById("password").value;
    if (password !== document.getElementById("again").value) return say("The two passwords differ.");
    const path = purpose === "invite" ? "/auth/accept-invite" : "/auth/reset-password";
    const response = await fetch(api + path, {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({token, password})});
    if (response.ok) {
      document.getElementById("form").hidden = true;
      return say(purpose === "invite" ? "Welcome! Your account is ready." : "Your password is set. You can sign in now.");
    }
    const body = await response.json().catch(() => ({}));
    say((body.error && body.error.message) || "Something went wrong; please try again.");
  });
</script>
</body>
</html>
)HTML";

}  // namespace tabhost::core
