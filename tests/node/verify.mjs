// Verifies one webhook request with the Standard Webhooks reference library.
// Input on stdin: {"secret": "whsec_…", "headers": {"webhook-id": …}, "body": "…"}. Exit 0 when the signature holds.
import { Webhook } from "standardwebhooks";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { secret, headers, body } = JSON.parse(input);
  try {
    const payload = new Webhook(secret).verify(body, headers);
    process.stdout.write(JSON.stringify(payload));
    process.exit(0);
  } catch (error) {
    process.stderr.write(`rejected: ${error.message}\n`);
    process.exit(1);
  }
});
