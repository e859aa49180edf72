/**
 * aws_lambda_alias: ListAliases per function (functions from the ListFunctions listing shared with
 * aws_lambda_function; Lambda has no account-wide alias listing). The provider's id is the alias
 * ARN; its read sets arn, description, function_version, invoke_arn, name and routing_config (one
 * block of additional version weights, none when AWS returns none). `function_name` is kept as
 * configured (a name or an ARN): not compared.
 */
import type { AliasConfiguration } from '@aws-sdk/client-lambda';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import type { AwsRepositories } from '../repositories/index.js';
import { defineResourceType } from './define.js';
import { lambdaInvokeArn } from './lambda-function.js';

async function lambdaAliases(repos: AwsRepositories): Promise<AliasConfiguration[]> {
  const functions = await repos.listing.list('lambda', 'ListFunctions', {}, (page) => page.Functions, 50);
  const perFunction = await repos.listing.each(functions, (f) =>
    repos.listing.list('lambda', 'ListAliases', { FunctionName: f.FunctionName }, (page) => page.Aliases, 10000),
  );
  return perFunction.flat();
}

export const lambdaAlias = defineResourceType<AliasConfiguration>({
  type: 'aws_lambda_alias',
  service: 'lambda',
  list: lambdaAliases,
  observe: (a, scope) => {
    const weights = a.RoutingConfig?.AdditionalVersionWeights;
    return {
      id: a.AliasArn ?? '',
      attributes: {
        id: a.AliasArn,
        arn: a.AliasArn,
        name: a.Name,
        // For codify; never compared (see computed).
        function_name: a.AliasArn?.split(':')[6],
        description: a.Description ?? '',
        function_version: a.FunctionVersion ?? '',
        invoke_arn: lambdaInvokeArn(a.AliasArn, scope.region),
        routing_config:
          weights && Object.keys(weights).length > 0 ? [{ additional_version_weights: { ...weights } }] : [],
      },
    };
  },
  // The provider keeps function_name as configured (a name or an ARN): the observed name is not comparable.
  computed: ['function_name'],
  forcesReplacement: ['name', 'function_name'],
  trailEvents: ['CreateAlias20150331', 'UpdateAlias20150331', 'DeleteAlias20150331'],
  limitations: 'one ListAliases call per function (the API has no account-wide listing)',
  revert: {
    attributes: ['function_version', 'description'],
    sends: ['lambda:UpdateAlias'],
    plan: (f, ctx) => {
      const arn = f.resource.id ?? '';
      const parts = arn.split(':');
      if (parts.length !== 8) return { unsupported: `unexpected alias ARN ${arn}` };
      const input: { FunctionName: string; Name: string; FunctionVersion?: string; Description?: string } = {
        FunctionName: parts.slice(0, 7).join(':'),
        Name: parts[7] ?? '',
      };
      for (const change of f.changes) {
        const recorded = recordedOf(f, change.path);
        if (typeof recorded !== 'string') return { unsupported: `${change.path}: no recorded value to put back` };
        if (change.path === 'function_version') input.FunctionVersion = recorded;
        else input.Description = recorded;
      }
      return { calls: [awsCall('lambda', 'UpdateAlias', regionOf(f, ctx), input)] };
    },
  },
  prune: {
    sends: ['lambda:DeleteAlias'],
    plan: (f, ctx) => {
      const parts = (f.resource.id ?? '').split(':');
      if (parts.length !== 8) return { unsupported: `unexpected alias ARN ${f.resource.id ?? ''}` };
      const input = { FunctionName: parts.slice(0, 7).join(':'), Name: parts[7] ?? '' };
      return { calls: [awsCall('lambda', 'DeleteAlias', regionOf(f, ctx), input)] };
    },
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'function_name', required: true },
      { name: 'function_version', required: true },
      { name: 'description', default: '' },
    ],
  },
});
