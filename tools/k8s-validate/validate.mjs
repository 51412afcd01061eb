// Checks deploy/k8s without a cluster: renders the base and every overlay the way kustomize does
// for the features used there (resources, namespace, images, JSON 6902 patches by target kind and
// name), validates each object against the Kubernetes OpenAPI schemas (kubernetes-models), and
// holds every workload to CareHub's own rules. Exits 1 naming each problem.
// Written here rather than run through kubectl because Debian ships no kustomize or kubectl that
// works offline; the features are few and `kubectl kustomize` renders the same when present.
//
//   node validate.mjs DEPLOY_K8S_DIR
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import jsonpatch from "fast-json-patch";

const root = process.argv[2];
const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

function render(dir) {
  const k = yaml.load(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
  let objects = [];
  for (const r of k.resources ?? []) {
    const p = path.join(dir, r);
    if (fs.existsSync(path.join(p, "kustomization.yaml"))) objects.push(...render(p));
    else if (fs.existsSync(p)) objects.push(...yaml.loadAll(fs.readFileSync(p, "utf8")).filter(Boolean));
    else fail(dir, `resource ${r} does not exist`);
  }
  for (const patch of k.patches ?? []) {
    const ops = yaml.load(fs.readFileSync(path.join(dir, patch.path), "utf8"));
    const targets = objects.filter(
      (o) =>
        (!patch.target?.kind || o.kind === patch.target.kind) &&
        (!patch.target?.name || new RegExp(`^(${patch.target.name})$`).test(o.metadata.name)),
    );
    if (targets.length === 0) fail(dir, `patch ${patch.path} matches nothing`);
    objects = objects.map((o) => {
      if (!targets.includes(o)) return o;
      try {
        return jsonpatch.applyPatch(structuredClone(o), ops, true).newDocument;
      } catch (e) {
        fail(dir, `patch ${patch.path} does not apply to ${o.kind}/${o.metadata.name}: ${e.message}`);
        return o;
      }
    });
  }
  for (const image of k.images ?? []) {
    for (const o of objects) {
      for (const c of o.spec?.template?.spec?.containers ?? []) {
        if (c.image === image.name) c.image = `${image.newName ?? image.name}:${image.newTag ?? "latest"}`;
      }
    }
  }
  for (const o of objects) {
    if (k.namespace && o.kind !== "Namespace") o.metadata.namespace = k.namespace;
    for (const l of k.labels ?? []) o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
  }
  return objects;
}

async function validateSchema(where, o) {
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
  let module;
  try {
    module = await import(`kubernetes-models/${group ? group + "/" : ""}${version}`);
  } catch {
    return fail(where, `unknown apiVersion ${o.apiVersion}`);
  }
  const Model = module[o.kind];
  if (!Model) return fail(where, `unknown kind ${o.kind} in ${o.apiVersion}`);
  try {
    new Model(o).validate();
  } catch (e) {
    fail(where, `does not match the ${o.apiVersion} ${o.kind} schema: ${e.message}`);
  }
}

// What every CareHub workload must be, whatever the overlay.
function checkWorkload(where, d, all, minReplicas) {
  const pod = d.spec.template.spec;
  if ((d.spec.replicas ?? 1) < minReplicas) fail(where, `fewer than ${minReplicas} replicas`);
  if (!pod.securityContext?.runAsNonRoot) fail(where, "pods may run as root");
  for (const c of pod.containers) {
    const w = `${where} container ${c.name}`;
    if (!c.securityContext?.readOnlyRootFilesystem) fail(w, "root filesystem is writable");
    if (c.securityContext?.allowPrivilegeEscalation !== false) fail(w, "privilege escalation allowed");
    for (const probe of ["readinessProbe", "livenessProbe"]) {
      if (!c[probe]?.grpc) fail(w, `${probe} is not a native gRPC probe`);
    }
    for (const kind of ["requests", "limits"]) {
      if (!c.resources?.[kind]?.cpu || !c.resources?.[kind]?.memory) fail(w, `no cpu and memory ${kind}`);
    }
    for (const e of c.env ?? []) {
      if (/KEY$|PASSWORD|_DB_URL$/.test(e.name) && e.value !== undefined) {
        fail(w, `${e.name} is written into the manifest: reference a Secret`);
      }
    }
  }
  const name = d.metadata.name;
  const selects = (o) =>
    (o.spec.selector?.matchLabels ?? o.spec.selector ?? {})["app.kubernetes.io/name"] === name ||
    o.spec.scaleTargetRef?.name === name;
  const covers = (k) => all.some((o) => o.kind === k && selects(o));
  for (const k of ["Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"]) {
    if (!covers(k)) fail(where, `no ${k}`);
  }
}

for (const [overlay, minReplicas] of [["base", 2], ["overlays/production", 3]]) {
  const objects = render(path.join(root, overlay));
  if (objects.length === 0) fail(overlay, "renders nothing");
  for (const o of objects) {
    const where = `${overlay} ${o.kind}/${o.metadata?.name}`;
    await validateSchema(where, o);
    if (o.kind === "Deployment") checkWorkload(where, o, objects, minReplicas);
    if (o.kind === "Secret") fail(where, "secrets are referenced, never part of the manifests");
  }
  console.log(`${overlay}: ${objects.length} objects checked`);
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
