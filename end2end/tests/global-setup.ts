import { mkdirSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";

/**
 * Joins the demo collective as its admin with the first-start invitation the
 * server printed (passed by `cargo xtask test`), and keeps the admin device's
 * token for the tests to make invitations and change roles through the API.
 */
export default async function globalSetup() {
  const base = process.env.ARCHIPEL_URL ?? "http://127.0.0.1:8080";
  const invite = process.env.ARCHIPEL_ADMIN_INVITE;
  mkdirSync(".auth", { recursive: true });
  if (!invite) {
    writeFileSync(".auth/admin.json", JSON.stringify({ token: null }));
    return;
  }
  // A UUIDv7-shaped client id: time prefix, version 7, variant bits.
  const hex = Date.now().toString(16).padStart(12, "0");
  const rest = randomUUID().replace(/-/g, "");
  const clientId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${rest.slice(13, 16)}-8${rest.slice(17, 20)}-${rest.slice(20, 32)}`;
  const response = await fetch(`${base}/api/join`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: invite, display_name: "Hugues (admin)", client_id: clientId }),
  });
  if (response.status !== 201) {
    throw new Error(`admin join failed: ${response.status} ${await response.text()}`);
  }
  const joined = await response.json();
  writeFileSync(".auth/admin.json", JSON.stringify({ token: joined.device_token }));
}
