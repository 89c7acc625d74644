#!/usr/bin/env python3
# bench/rerun-job.py SRC_DATA WORK score|export CLI_DLL: copy a kept bench data folder, queue one Score (full: state removed) or Export
# (of current.parquet) job, `clickcast run` it, sample VmHWM every 200 ms (reset by clear_refs), print each job's peak.
import os, sys, shutil, sqlite3, subprocess, time, json
src, work, kind, cli = sys.argv[1:5]
if os.path.exists(work): shutil.rmtree(work)
os.makedirs(work)
subprocess.check_call(['cp', '-al', os.path.join(src, 'objects'), os.path.join(work, 'objects')])
c = sqlite3.connect(os.path.join(src, 'clickcast.db')); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.close()
shutil.copy(os.path.join(src, 'clickcast.db'), os.path.join(work, 'clickcast.db'))
pred = os.path.join(work, 'objects/tenants/bench/tasks/checkout-7d/predictions')
db = sqlite3.connect(os.path.join(work, 'clickcast.db'))
now = int(time.time() * 1000)
last = db.execute('SELECT max(id) FROM jobs').fetchone()[0]
if kind == 'score':
    os.remove(os.path.join(pred, 'state.json'))
    payload = json.dumps({'reason': 'rerun'})
else:
    payload = json.dumps({'runId': 'current', 'predictionsKey': 'tenants/bench/tasks/checkout-7d/predictions/current.parquet'})
db.execute("INSERT INTO jobs (tenant, task, kind, status, payload, idempotency_key, attempts, max_attempts, retry_backoff, retry_interval_ms, retry_factor, retry_max_interval_ms, created_at, next_run_at) VALUES ('bench','checkout-7d',?, 'Queued', ?, ?, 0, 1, 'Fixed', 20000, 1.0, 20000, ?, ?)",
           ('Score' if kind == 'score' else 'Export', payload, 'rerun-' + kind, now, now))
db.commit(); db.close()
env = dict(os.environ, TMPDIR=os.path.join(work, 'tmp')); os.makedirs(env['TMPDIR'])
t0 = time.time()
p = subprocess.Popen(['/usr/bin/time', '-f', '%e s %U user %S sys %M KiB', 'dotnet', cli, '--data', work, 'run'], stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, 'run.err'), 'w'), env=env)
samples = []
child = None
while p.poll() is None:
    time.sleep(0.2)
    if child is None:
        try: child = int(open(f'/proc/{p.pid}/task/{p.pid}/children').read().split()[0])
        except Exception: continue
    try:
        hwm = next(int(l.split()[1]) for l in open(f'/proc/{child}/status') if l.startswith('VmHWM'))
        open(f'/proc/{child}/clear_refs', 'w').write('5')
        samples.append((time.time() * 1000, hwm))
    except Exception: pass
print(open(os.path.join(work, 'run.err')).read().strip().splitlines()[-1])
db = sqlite3.connect(os.path.join(work, 'clickcast.db'))
for (id, k, st, fin, res) in db.execute('SELECT id, kind, started_at, finished_at, status FROM jobs WHERE id > ? ORDER BY id', (last,)):
    if st is None: continue
    inside = [h for (t, h) in samples if st <= t - 200 and t <= fin]
    print(f'{k} job {id} {res}: {(fin - st) / 1000:.1f} s, peak {max(inside or [0]) // 1024} MiB ({len(inside)} samples)')
