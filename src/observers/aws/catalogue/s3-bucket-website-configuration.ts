/**
 * aws_s3_bucket_website_configuration: GetBucketWebsite per bucket of the region (no bulk form).
 * NoSuchWebsiteConfiguration means no such resource. The provider's id and import id are the bucket
 * name (`bucket,expected_bucket_owner` when the owner is set). Each block as the provider's
 * flatten functions store it (5.100.0): an empty list for a document S3 did not return, a key only
 * when returned, `protocol` always (the SDK's enum, "" when absent); `routing_rules` is the same
 * rules as JSON, written as normalizeRoutingRules writes it (the SDK's field names, nulls and an
 * empty Protocol dropped).
 */
import type { GetBucketWebsiteCommandOutput, RoutingRule } from '@aws-sdk/client-s3';
import type { BucketWith } from '../repositories/s3.js';
import { defineResourceType } from './define.js';

/** A JSON document without the keys whose value is undefined/null, and without an empty Protocol. */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    if (key === 'Protocol' && v === '') continue;
    out[key] = typeof v === 'object' && !Array.isArray(v) ? withoutNulls(v as Record<string, unknown>) : v;
  }
  return out;
}

/** normalizeRoutingRules: the rules as JSON; "" when S3 returned none (d.Set(nil) on a string). */
export function routingRulesJson(rules: ReadonlyArray<RoutingRule> | undefined): string {
  if (rules === undefined) return '';
  return JSON.stringify(rules.map((r) => withoutNulls({ Condition: r.Condition, Redirect: r.Redirect })));
}

/** flattenRoutingRules: condition and redirect blocks only when returned, keys only when returned. */
function routingRule(r: RoutingRule): Record<string, unknown> {
  const c = r.Condition;
  const d = r.Redirect;
  return {
    condition: c
      ? [
          {
            ...(c.KeyPrefixEquals !== undefined ? { key_prefix_equals: c.KeyPrefixEquals } : {}),
            ...(c.HttpErrorCodeReturnedEquals !== undefined
              ? { http_error_code_returned_equals: c.HttpErrorCodeReturnedEquals }
              : {}),
          },
        ]
      : [],
    redirect: d
      ? [
          {
            protocol: d.Protocol ?? '',
            ...(d.HostName !== undefined ? { host_name: d.HostName } : {}),
            ...(d.HttpRedirectCode !== undefined ? { http_redirect_code: d.HttpRedirectCode } : {}),
            ...(d.ReplaceKeyWith !== undefined ? { replace_key_with: d.ReplaceKeyWith } : {}),
            ...(d.ReplaceKeyPrefixWith !== undefined ? { replace_key_prefix_with: d.ReplaceKeyPrefixWith } : {}),
          },
        ]
      : [],
  };
}

export const s3BucketWebsiteConfiguration = defineResourceType<BucketWith<GetBucketWebsiteCommandOutput>>({
  type: 'aws_s3_bucket_website_configuration',
  service: 's3',
  list: async (repos) => (await repos.s3.bucketWebsite()).filter((b) => b.value !== undefined),
  observe: ({ bucket, value: w }) => ({
    id: bucket,
    attributes: {
      id: bucket,
      bucket,
      expected_bucket_owner: '',
      index_document: w?.IndexDocument
        ? [w.IndexDocument.Suffix !== undefined ? { suffix: w.IndexDocument.Suffix } : {}]
        : [],
      error_document: w?.ErrorDocument ? [w.ErrorDocument.Key !== undefined ? { key: w.ErrorDocument.Key } : {}] : [],
      redirect_all_requests_to: w?.RedirectAllRequestsTo
        ? [
            {
              protocol: w.RedirectAllRequestsTo.Protocol ?? '',
              ...(w.RedirectAllRequestsTo.HostName !== undefined
                ? { host_name: w.RedirectAllRequestsTo.HostName }
                : {}),
            },
          ]
        : [],
      routing_rule: (w?.RoutingRules ?? []).map(routingRule),
      routing_rules: routingRulesJson(w?.RoutingRules),
    },
  }),
  // expected_bucket_owner is a request header the provider keeps from its id: never returned by S3.
  // website_domain and website_endpoint are derived from the bucket's region (GetBucketLocation):
  // the same for the record and the observation of one bucket, so never drift.
  computed: ['expected_bucket_owner', 'website_domain', 'website_endpoint'],
  json: ['routing_rules'],
  forcesReplacement: ['bucket', 'expected_bucket_owner'],
  trailEvents: ['PutBucketWebsite', 'DeleteBucketWebsite'],
  limitations: 'one GetBucketWebsite call per bucket (the API has no bulk form)',
  codify: {
    arguments: [
      { name: 'bucket', required: true },
      { name: 'index_document', block: [{ name: 'suffix', required: true }] },
      { name: 'error_document', block: [{ name: 'key', required: true }] },
      { name: 'redirect_all_requests_to', block: [{ name: 'host_name', required: true }, { name: 'protocol' }] },
      { name: 'routing_rules', json: true },
    ],
  },
});
