/**
 * The vim25 SOAP call: one envelope per request, the response body's first element returned, a
 * SOAP fault turned into a classified VsphereApiError (by its detail's xsi:type).
 */
import { faultError, VsphereApiError } from './errors.js';
import type { HttpSession } from './http.js';
import { child, parseXml, type XmlElement, type XmlFragment } from './xml.js';

/** The vim25 namespace version sent as SOAPAction; 6.5 is understood by vCenter 6.5 through 8. */
export const VIM_VERSION = '6.5';

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';

/** The fault type of a SOAP fault element: the detail's xsi:type, else its element name without `Fault`. */
export function faultTypeOf(fault: XmlElement): string | undefined {
  const detail = child(fault, 'detail');
  const first = detail?.children[0];
  if (!first) return undefined;
  return first.xsiType ?? first.name.replace(/Fault$/, '');
}

/**
 * Sends `<operation xmlns="urn:vim25">body</operation>` and returns the `returnval` element (or the
 * response element when the operation returns nothing).
 */
export async function invoke(
  session: HttpSession,
  operation: string,
  body: XmlFragment,
): Promise<XmlElement | undefined> {
  const envelope = `${ENVELOPE_OPEN}<${operation} xmlns="urn:vim25">${body.xml}</${operation}>${ENVELOPE_CLOSE}`;
  const res = await session.request('POST', '/sdk', operation, envelope, {
    'content-type': 'text/xml; charset=utf-8',
    soapaction: `"urn:vim25/${VIM_VERSION}"`,
  });
  let root: XmlElement;
  try {
    root = parseXml(res.body);
  } catch (err) {
    throw new VsphereApiError(
      'endpoint',
      `${operation}: ${session.server} answered HTTP ${res.status} with a body that is not XML`,
      String(res.status),
      err,
    );
  }
  const bodyElement = child(root, 'Body');
  const fault = child(bodyElement, 'Fault');
  if (fault) throw faultError(faultTypeOf(fault), operation, privilegeOf(fault));
  if (res.status >= 400)
    throw new VsphereApiError(
      'endpoint',
      `${operation}: ${session.server} answered HTTP ${res.status}`,
      String(res.status),
    );
  const response = bodyElement?.children[0];
  if (!response || response.name !== `${operation}Response`) {
    throw new VsphereApiError(
      'endpoint',
      `${operation}: the response from ${session.server} is not a vim25 ${operation}Response`,
    );
  }
  return child(response, 'returnval') ?? undefined;
}

function privilegeOf(fault: XmlElement): string | undefined {
  const detail = child(fault, 'detail')?.children[0];
  return detail ? (child(detail, 'privilegeId')?.text.trim() ?? undefined) : undefined;
}
