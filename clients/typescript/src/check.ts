// A client no one here wrote the types of: src/api.d.ts is generated from the running service's
// /openapi.json by openapi-typescript (npm run generate), and this script is compiled against
// it with tsc (strict). It calls the service the way a case system would and checks the answers.
//
//   node dist/check.js EVENT.json CASE.json      (PLACEMENT_RULES_URL, default 127.0.0.1:8000)

import { readFileSync } from "node:fs";
import type { components, paths } from "./api.js";

type Schemas = components["schemas"];
type Event = Schemas["Event"];
type CaseLog = Schemas["CaseLog"];
type FullAnswer = Schemas["EvaluationAnswer"];
type CompactAnswer = Schemas["CompactEvaluationAnswer"];
type TrackAnswer = Schemas["TrackAnswer"];
type VerifyAnswer = Schemas["VerifyAnswer"];
type Problem = Schemas["Problem"];
type Party = Schemas["Party"];
type EvaluateQuery = NonNullable<paths["/v1/evaluate"]["post"]["parameters"]["query"]>;
type TrackQuery = paths["/v1/track"]["post"]["parameters"]["query"];

const base = process.env.PLACEMENT_RULES_URL ?? "http://127.0.0.1:8000";
const [eventFile, caseFile] = process.argv.slice(2);
if (eventFile === undefined || caseFile === undefined) {
  throw new Error("usage: node dist/check.js EVENT.json CASE.json");
}

let checks = 0;
function expect(condition: boolean, what: string): void {
  checks += 1;
  if (!condition) {
    throw new Error(`check failed: ${what}`);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

async function post<T>(path: string, query: Query, body: unknown): Promise<[T, Response]> {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) {
      url.searchParams.set(key, String(value));
    }
  }
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Accept-Language": "en" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return [(await response.json()) as T, response];
}

function describe(party: Party | null): string {
  return party === null ? "(no party named)" : party.label;
}

async function main(): Promise<void> {
  const event = JSON.parse(readFileSync(eventFile as string, "utf-8")) as Event;
  const caseLog = JSON.parse(readFileSync(caseFile as string, "utf-8")) as CaseLog;

  const full: EvaluateQuery = { detail: "full" };
  const [answer, response] = await post<FullAnswer>("/v1/evaluate", full, event);
  expect(response.status === 200, "evaluate answers 200");
  expect(answer.schema_version === "1.0" && answer.detail === "full", "schema_version and detail");
  expect(answer.obligations.length > 0, "the event creates obligations");
  expect(response.headers.get("x-rules-digest") === answer.receipt.chain_digest, "digest header");
  expect(response.headers.get("x-placement-rules-version") === answer.receipt.package_version, "version header");
  for (const obligation of answer.obligations) {
    expect(obligation.id.startsWith("obl_"), "a stable obligation id");
    if (obligation.deadline !== null && obligation.deadline.amount !== null) {
      expect(obligation.deadline.unit !== null && obligation.deadline.label.length > 0, "deadline codes and label");
    }
  }

  const explained: EvaluateQuery = { detail: "full", explain: true };
  const [withReasons] = await post<FullAnswer>("/v1/evaluate", explained, event);
  expect(withReasons.explanation != null, "explain=true adds the explanation");
  expect(
    JSON.stringify(withReasons.obligations.map((o) => o.id)) === JSON.stringify(answer.obligations.map((o) => o.id)),
    "explain=true gives the same obligations",
  );

  const compactQuery: EvaluateQuery = { detail: "compact" };
  const [compact] = await post<CompactAnswer>("/v1/evaluate", compactQuery, event);
  expect(
    JSON.stringify(compact.obligations.map((o) => o.id)) === JSON.stringify(answer.obligations.map((o) => o.id)),
    "compact and full give the same obligation ids",
  );

  const [verified] = await post<VerifyAnswer>("/v1/verify", {}, { answer, event });
  expect(verified.verified && verified.changes.length === 0, "a stored answer verifies");

  const trackQuery: TrackQuery = { as_of: "2026-01-01" };
  const [tracked, trackResponse] = await post<TrackAnswer>("/v1/track", trackQuery, caseLog);
  expect(trackResponse.status === 200, "track answers 200");
  expect(tracked.obligations.length > 0 && tracked.receipt.region === tracked.region, "tracked obligations, receipt");

  const secret = "19121212-1212";
  const [problem, problemResponse] = await post<Problem>("/v1/evaluate", {}, { ...event, [secret]: secret });
  expect(problemResponse.status === 422, "an unknown field is refused");
  expect(problemResponse.headers.get("content-type") === "application/problem+json", "problem+json");
  expect(problem.title === "Invalid input" && problem.errors.length > 0, "an English title, field errors");
  expect(!JSON.stringify(problem).includes(secret), "no value or unknown key echoed");

  const first = answer.obligations[0];
  console.log(
    `typescript client: ${checks} checks passed against ${base}; ` +
      `${answer.obligations.length} obligations, first ${first?.rule_id} for ${describe(first?.responsible ?? null)}; ` +
      `${tracked.obligations.length} tracked`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
