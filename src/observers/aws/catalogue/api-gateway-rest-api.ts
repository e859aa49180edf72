/**
 * aws_api_gateway_rest_api: GetRestApis, one paginated bulk call per region (500 a page), tags
 * included. The provider's id and import id are the API id. As the provider's read: `arn` and
 * `execution_arn` built from the id, `created_date` RFC 3339 without fractions, the policy unescaped
 * from the string API Gateway returns, `minimum_compression_size` a string (empty when unset),
 * `endpoint_configuration` a one-element list.
 */
import type { RestApi } from '@aws-sdk/client-api-gateway';
import { awsCall, regionOf } from '../calls.js';
import { tagRecord } from '../mapping.js';
import { defineResourceType } from './define.js';

/** API Gateway returns the policy as an escaped JSON string (`{\"Version\":...}`): unescape it. */
export function unescapeApiPolicy(policy: string | undefined): string {
  if (policy === undefined || policy === '') return '';
  try {
    return JSON.parse(`"${policy}"`) as string;
  } catch {
    return policy;
  }
}

export const apiGatewayRestApi = defineResourceType<RestApi>({
  type: 'aws_api_gateway_rest_api',
  service: 'apigateway',
  list: (repos) => repos.listing.list('apigateway', 'GetRestApis', {}, (page) => page.items, 500),
  observe: (api, scope) => {
    const tags = tagRecord(api.tags ?? {});
    return {
      id: api.id ?? '',
      attributes: {
        id: api.id,
        name: api.name,
        arn: `arn:aws:apigateway:${scope.region}::/restapis/${api.id}`,
        execution_arn: `arn:aws:execute-api:${scope.region}:${scope.account}:${api.id}`,
        api_key_source: api.apiKeySource ?? '',
        binary_media_types: [...(api.binaryMediaTypes ?? [])],
        created_date: api.createdDate?.toISOString().replace(/\.\d+Z$/, 'Z'),
        description: api.description ?? '',
        disable_execute_api_endpoint: api.disableExecuteApiEndpoint ?? false,
        endpoint_configuration: api.endpointConfiguration
          ? [
              {
                types: [...(api.endpointConfiguration.types ?? [])],
                vpc_endpoint_ids: [...(api.endpointConfiguration.vpcEndpointIds ?? [])].sort(),
              },
            ]
          : [],
        minimum_compression_size: api.minimumCompressionSize === undefined ? '' : String(api.minimumCompressionSize),
        policy: unescapeApiPolicy(api.policy),
        tags: { ...tags },
        tags_all: tags,
      },
    };
  },
  computed: [
    // Configuration-only: how the API was imported (OpenAPI body, import parameters and mode).
    'body',
    'fail_on_warnings',
    'parameters',
    'put_rest_api_mode',
    // Set by AWS at creation; the provider finds it with GetResources, one call per API: not read.
    'root_resource_id',
    'created_date',
  ],
  json: ['policy'],
  sets: ['endpoint_configuration.vpc_endpoint_ids'],
  // Who may invoke the API, and whether the public execute-api endpoint is reachable.
  policy: ['policy', 'disable_execute_api_endpoint', 'endpoint_configuration'],
  forcesReplacement: [],
  trailEvents: [
    'CreateRestApi',
    'UpdateRestApi',
    'PutRestApi',
    'DeleteRestApi',
    'ImportRestApi',
    'TagResource',
    'UntagResource',
  ],
  prune: {
    sends: ['apigateway:DeleteRestApi'],
    plan: (f, ctx) => ({
      calls: [awsCall('apigateway', 'DeleteRestApi', regionOf(f, ctx), { restApiId: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'description', default: '' },
      { name: 'api_key_source', default: 'HEADER' },
      { name: 'binary_media_types' },
      { name: 'disable_execute_api_endpoint', default: false },
      { name: 'tags' },
    ],
  },
});
