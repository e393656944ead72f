// node tabulate.mjs LOGDIR "label|dir|project"...
// Prints the tally table from LOGDIR/<label>.json (Vitest JSON reporter) and
// LOGDIR/<label>.log; writes LOGDIR/summary.tsv and LOGDIR/failures.tsv
// (one row per failed test or failed file: label, file, test, first error line).
import fs from "node:fs";
import path from "node:path";

const [logDir, ...runs] = process.argv.slice(2);
const rows = [];
const failures = [];
const firstLine = (s) =>
	String(s ?? "")
		.replace(/\x1b\[[0-9;]*m/g, "")
		.split("\n")
		.map((l) => l.trim())
		.find((l) => l.length > 0) ?? "";
// error text made comparable: drop paths' line:col, hex ids, numbers in durations
const norm = (s) => s.replace(/\s+/g, " ").slice(0, 600);

for (const r of runs) {
	const [label] = r.split("|");
	const safe = label.replace(/[[\]]/g, "_");
	const logFile = path.join(logDir, safe + ".log");
	const jsonFile = path.join(logDir, safe + ".json");
	const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
	const m = /^# exit (\d+) after ([\d.]+) s$/m.exec(log);
	const rc = m ? Number(m[1]) : NaN;
	const secs = m ? Number(m[2]) : NaN;
	let passed = 0, failed = 0, skipped = 0, files = 0, failedFiles = 0;
	const errs = [];
	let doc = null;
	try {
		doc = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
	} catch {}
	if (doc) {
		for (const f of doc.testResults ?? []) {
			files++;
			const rel = path.relative(path.dirname(logDir), f.name).replace(/^(\.\.\/)+/, "");
			const fileName = f.name.replace(/.*\/fixtures\/[^/]+\//, "");
			let fileFailedTests = 0;
			for (const a of f.assertionResults ?? []) {
				if (a.status === "passed") passed++;
				else if (a.status === "failed") {
					failed++;
					fileFailedTests++;
					const e = firstLine((a.failureMessages ?? [])[0]);
					errs.push(e);
					failures.push([label, fileName, a.fullName, norm(e)]);
				} else skipped++; // skipped, pending, todo, disabled
			}
			if (f.status === "failed") {
				failedFiles++;
				if (f.message && fileFailedTests === 0) {
					const e = firstLine(f.message);
					errs.push(e);
					failures.push([label, fileName, "(file)", norm(e)]);
				} else if (f.message) {
					errs.push(firstLine(f.message));
				}
			}
		}
	} else {
		// no JSON: config error, crash or timeout: take the first error-looking lines of the log
		const lines = log.split("\n").filter((l) => !l.startsWith("# "));
		for (const l of lines) {
			if (/error|not supported|cannot|failed|refus|warning/i.test(l)) errs.push(l.trim());
			if (errs.length >= 3) break;
		}
		if (rc === 124) errs.unshift(`TIMEOUT after ${secs}s`);
		if (rc !== 0) failures.push([label, "(run)", "(no json)", norm(errs[0] ?? `exit ${rc}`)]);
		else if (/No test files found/.test(log)) errs.unshift("no test files (passWithNoTests)");
	}
	const distinct = [...new Set(errs.map((e) => norm(e).slice(0, 200)))].slice(0, 3);
	rows.push({ label, passed, failed, skipped, files, failedFiles, rc, secs, json: !!doc, distinct });
}

const pad = (s, n) => String(s).padEnd(n);
const W = Math.max(8, ...rows.map((r) => r.label.length)) + 1;
console.log(
	pad("project", W) + pad("pass", 6) + pad("fail", 6) + pad("skip", 6) + pad("files", 7) + pad("badF", 6) + pad("exit", 5) + pad("secs", 7) + "first distinct errors"
);
const tot = { passed: 0, failed: 0, skipped: 0, files: 0, failedFiles: 0, green: 0 };
for (const r of rows) {
	for (const k of ["passed", "failed", "skipped", "files", "failedFiles"]) tot[k] += r[k];
	if (r.rc === 0) tot.green++;
	console.log(
		pad(r.label, W) + pad(r.passed, 6) + pad(r.failed, 6) + pad(r.skipped, 6) + pad(r.files, 7) + pad(r.failedFiles, 6) + pad(r.rc, 5) + pad(isNaN(r.secs) ? "-" : r.secs.toFixed(1), 7) +
			(r.json ? "" : "[no json] ") + r.distinct.join(" || ")
	);
}
console.log(
	pad("TOTAL", W) + pad(tot.passed, 6) + pad(tot.failed, 6) + pad(tot.skipped, 6) + pad(tot.files, 7) + pad(tot.failedFiles, 6) + `${tot.green}/${rows.length} projects exit 0`
);
fs.writeFileSync(
	path.join(logDir, "summary.tsv"),
	["project\tpassed\tfailed\tskipped\tfiles\tfailedFiles\texit\tsecs\terrors"]
		.concat(rows.map((r) => [r.label, r.passed, r.failed, r.skipped, r.files, r.failedFiles, r.rc, r.secs, r.distinct.join(" || ")].join("\t")))
		.join("\n") + "\n"
);
fs.writeFileSync(
	path.join(logDir, "failures.tsv"),
	["project\tfile\ttest\terror"].concat(failures.map((f) => f.join("\t"))).join("\n") + "\n"
);
