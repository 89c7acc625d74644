#!/usr/bin/env node
// Runs @20minutes/s3rver on loopback for the Clickcast tests. Prints exactly one line,
// "S3 server listening on http://ADDRESS:PORT", once the server answers requests; with --port 0 the
// system picks a free port, so callers never race each other for one.
//
// Usage: node --openssl-legacy-provider s3-server.js --directory DIR [--address 127.0.0.1] [--port 0]
//        [--exit-on-stdin-close] [--verbose]
//
// s3rver signs continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider: without
// --openssl-legacy-provider every truncated listing fails with a 500.
//
// Some behaviours of s3rver differ from S3 in ways the AWS SDK for .NET or the object-store contract tests
// run into. They are corrected here, not worked around in S3ObjectStore, because the real services the store
// targets (AWS S3, MinIO, Yandex Object Storage) behave like S3:
//  - s3rver checks a signature against "/bucket" when the request was for "/bucket/", which is how the .NET
//    SDK addresses buckets (HEAD bucket, listings), so every such request would fail with 403. S3 signs the path
//    as sent; here the trailing '/' is kept while the signature is checked.
//  - s3rver writes a PUT body straight into the object file, so an aborted upload leaves a partial object
//    and a failed overwrite destroys the previous one. S3 makes an object visible only once the whole body
//    has arrived; here the body goes to a temporary file that is renamed into place when complete.
//  - s3rver escapes listed keys for XML twice, so a key with '&' or "'" comes back as "a&amp;b". Here the
//    second escaping is undone on listings.
//  - s3rver lists by walking folders, so "a/b" comes before "a-b" and pages can skip keys. S3 lists in
//    UTF-8 binary key order; here the keys are sorted that way before a page is cut.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const { parseArgs } = require('util');

// The authentication middleware is replaced in the module cache (below) before s3rver's router loads it.
const authenticationPath = require.resolve('@20minutes/s3rver/lib/middleware/authentication');
const authentication = require(authenticationPath);
const FilesystemStore = require('@20minutes/s3rver/lib/stores/filesystem');

const { values: args } = parseArgs({
  options: {
    directory: { type: 'string' },
    address: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'exit-on-stdin-close': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

if (!args.directory) {
  console.error('s3-server.js: --directory is required');
  process.exit(2);
}

try {
  crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch (err) {
  console.error(
    's3-server.js: DES is unavailable (%s); run node with --openssl-legacy-provider',
    err.message,
  );
  process.exit(2);
}

require.cache[authenticationPath].exports = (...options) => {
  const check = authentication(...options);
  return async function authenticationAsSent(ctx, next) {
    const { bucket, key } = ctx.params;
    if (!bucket || key || !ctx.path.endsWith('/')) {
      return check(ctx, next);
    }
    ctx.params.bucket = bucket + '/'; // canonicalized as "/" + bucket, so "/bucket/" as sent
    try {
      return await check(ctx, () => {
        ctx.params.bucket = bucket;
        return next();
      });
    } finally {
      ctx.params.bucket = bucket;
    }
  };
};
const S3rver = require('@20minutes/s3rver');

for (const method of ['putContent', 'listObjects']) {
  if (typeof FilesystemStore.prototype[method] !== 'function') {
    console.error(
      `s3-server.js: s3rver's FilesystemStore has no ${method}(); the S3 corrections below need updating`,
    );
    process.exit(2);
  }
}

const putContent = FilesystemStore.prototype.putContent;
FilesystemStore.prototype.putContent = async function (objectPath, content) {
  // Not ending in "._S3rver_object", so listings and reads never see it.
  const partial = `${objectPath}.${crypto.randomUUID()}.partial`;
  try {
    const result = await putContent.call(this, partial, content);
    await fs.promises.rename(partial, objectPath);
    return result;
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
};

const listObjects = FilesystemStore.prototype.listObjects;
FilesystemStore.prototype.listObjects = async function (bucket, options) {
  if (options.delimiter) {
    return listObjects.call(this, bucket, options); // not used by Clickcast
  }

  const { startAfter = '', maxKeys = Infinity } = options;
  const all = await listObjects.call(this, bucket, {
    ...options,
    startAfter: '',
    maxKeys: Infinity,
  });
  const utf8 = (key) => Buffer.from(key, 'utf8');
  const after = utf8(startAfter);
  const objects = all.objects
    .filter((object) => Buffer.compare(utf8(object.key), after) > 0)
    .sort((a, b) => Buffer.compare(utf8(a.key), utf8(b.key)));
  return {
    objects: objects.slice(0, maxKeys),
    commonPrefixes: [],
    isTruncated: objects.length > maxKeys,
  };
};

async function main() {
  fs.mkdirSync(args.directory, { recursive: true });
  const server = new S3rver({
    directory: args.directory,
    address: args.address,
    port: Number(args.port),
    silent: !args.verbose,
    vhostBuckets: false,
  });
  server.middleware.unshift(async function escapeListingsOnce(ctx, next) {
    await next();
    // Every '&' in once-escaped XML starts an entity, so the second escaping only turned each '&' into
    // '&amp;' and a plain replace undoes it.
    if (typeof ctx.body === 'string' && ctx.body.includes('<ListBucketResult')) {
      ctx.body = ctx.body.replaceAll('&amp;', '&');
    }
  });
  const { address, port } = await server.run();
  console.log(`S3 server listening on http://${address}:${port}`);

  const stop = () => server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (args['exit-on-stdin-close']) {
    // The test process that started us holds our stdin; when it dies the pipe closes and we go too.
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

main().catch((err) => {
  console.error('s3-server.js: %s', err.stack || err);
  process.exit(1);
});
