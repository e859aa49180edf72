/**
 * aws_lb_listener: DescribeListeners, one paginated call per load balancer (the API lists no
 * listeners without a load balancer ARN). The provider's id and import id are the listener ARN.
 */
import type { Action, Listener } from '@aws-sdk/client-elastic-load-balancing-v2';
import { tagRecord, unread } from '../mapping.js';
import type { WithDetails } from '../repositories/elbv2.js';
import { defineResourceType } from './define.js';

export function defaultActionOf(a: Action, index = 0): Record<string, unknown> {
  return {
    type: a.Type,
    // AWS numbers actions 1..n when none is given (the provider: "defaults to the position in the
    // list"); an endpoint that omits Order (moto) means that position, not 0.
    order: a.Order ?? index + 1,
    target_group_arn: a.Type === 'forward' ? (a.TargetGroupArn ?? '') : '',
    redirect: a.RedirectConfig
      ? [
          {
            host: a.RedirectConfig.Host ?? '#{host}',
            path: a.RedirectConfig.Path ?? '/#{path}',
            port: a.RedirectConfig.Port ?? '#{port}',
            protocol: a.RedirectConfig.Protocol ?? '#{protocol}',
            query: a.RedirectConfig.Query ?? '#{query}',
            status_code: a.RedirectConfig.StatusCode,
          },
        ]
      : [],
    fixed_response: a.FixedResponseConfig
      ? [
          {
            content_type: a.FixedResponseConfig.ContentType,
            message_body: a.FixedResponseConfig.MessageBody ?? '',
            status_code: a.FixedResponseConfig.StatusCode,
          },
        ]
      : [],
  };
}

export const lbListener = defineResourceType<WithDetails<Listener>>({
  type: 'aws_lb_listener',
  service: 'elbv2',
  list: (repos) => repos.elbv2.listeners(),
  observe: ({ item: l, tags }) => {
    const tagMap = tagRecord(tags);
    return {
      id: l.ListenerArn ?? '',
      attributes: {
        id: l.ListenerArn,
        arn: l.ListenerArn,
        load_balancer_arn: l.LoadBalancerArn,
        port: l.Port,
        protocol: l.Protocol,
        // Only HTTPS and TLS listeners negotiate TLS; an endpoint that reports a policy on a plain
        // HTTP/TCP listener (moto) describes nothing the provider would record.
        ssl_policy: l.Protocol === 'HTTPS' || l.Protocol === 'TLS' ? (l.SslPolicy ?? '') : '',
        certificate_arn: l.Certificates?.find((c) => c.IsDefault !== false)?.CertificateArn ?? '',
        alpn_policy: l.AlpnPolicy?.[0] ?? '',
        default_action: [...(l.DefaultActions ?? [])]
          .sort((x, y) => (x.Order ?? 0) - (y.Order ?? 0))
          .map((a, i) => defaultActionOf(a, i)),
        tags: { ...tagMap },
        tags_all: tagMap,
      },
    };
  },
  unread: unread(
    'needs DescribeListenerAttributes, one call per listener: not read',
    'routing_http_request_x_amzn_mtls_clientcert_header_name',
    'routing_http_request_x_amzn_mtls_clientcert_issuer_header_name',
    'routing_http_request_x_amzn_mtls_clientcert_leaf_header_name',
    'routing_http_request_x_amzn_mtls_clientcert_serial_number_header_name',
    'routing_http_request_x_amzn_mtls_clientcert_subject_header_name',
    'routing_http_request_x_amzn_mtls_clientcert_validity_header_name',
    'routing_http_request_x_amzn_tls_cipher_suite_header_name',
    'routing_http_request_x_amzn_tls_version_header_name',
    'routing_http_response_access_control_allow_credentials_header_value',
    'routing_http_response_access_control_allow_headers_header_value',
    'routing_http_response_access_control_allow_methods_header_value',
    'routing_http_response_access_control_allow_origin_header_value',
    'routing_http_response_access_control_expose_headers_header_value',
    'routing_http_response_access_control_max_age_header_value',
    'routing_http_response_content_security_policy_header_value',
    'routing_http_response_strict_transport_security_header_value',
    'routing_http_response_x_content_type_options_header_value',
    'routing_http_response_x_frame_options_header_value',
  ),
  computed: ['mutual_authentication', 'tcp_idle_timeout_seconds', 'timeouts', 'routing_http_response_server_enabled'],
  policy: ['protocol', 'ssl_policy', 'certificate_arn', 'port'],
  forcesReplacement: ['load_balancer_arn'],
  trailEvents: [
    'CreateListener',
    'ModifyListener',
    'DeleteListener',
    'AddListenerCertificates',
    'RemoveListenerCertificates',
    'AddTags',
    'RemoveTags',
  ],
  limitations: 'one DescribeListeners call per load balancer (the API cannot list all listeners at once)',
});
