# Generates the tiny committed fixtures with Debian's python3-avro (an Avro implementation independent of ours).
import datetime, hashlib, json, sys
import avro.schema, avro.datafile, avro.io

SCHEMA = {"type": "record", "name": "Ev", "namespace": "fixture", "fields": [
    {"name": "id", "type": {"type": "fixed", "name": "Id", "size": 8}},
    {"name": "who", "type": {"type": "record", "name": "Who", "fields": [
        {"name": "cid", "type": ["string", "null"]},
        {"name": "tags", "type": {"type": "array", "items": "string"}}]}},
    {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros"}},
    {"name": "event_type", "type": {"type": "enum", "name": "Kind", "symbols": ["page_view", "click", "other"]}},
    {"name": "props", "type": {"type": "map", "values": ["null", "double", "string"]}},
    {"name": "page", "type": ["null", {"type": "record", "name": "Page", "fields": [
        {"name": "url", "type": "string"}, {"name": "referrer", "type": ["null", "string"]}]}]},
    {"name": "ua", "type": ["null", "string"]},
    {"name": "ok", "type": "boolean"},
    {"name": "score", "type": "float"}]}

src = avro.datafile.DataFileReader(open(sys.argv[1], "rb"), avro.io.DatumReader())
events = [e for _, e in zip(range(30), src)]
schema = avro.schema.parse(json.dumps(SCHEMA))
for codec in ("snappy", "zstandard"):
    with open(f"python-{codec}.avro", "wb") as out:
        w = avro.datafile.DataFileWriter(out, avro.io.DatumWriter(), schema, codec=codec)
        for i, e in enumerate(events):
            w.append({
                "id": hashlib.sha256(e["event_id"].encode()).digest()[:8],
                "who": {"cid": e["client_id"], "tags": ["t%d" % j for j in range(i % 4)]},
                "ts": e["ts"],
                "event_type": ["page_view", "click", "other"][i % 3],
                "props": {"status": float(e["http_status"]), "x": None, "name": "é%d" % i} if i % 2 else {},
                "page": {"url": e["url"], "referrer": e["referrer"]},
                "ua": e["user_agent"],
                "ok": i % 2 == 0,
                "score": i / 4,
            })
            if i % 10 == 9:
                w.sync()  # several blocks per file
        w.close()
