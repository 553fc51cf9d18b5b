/**
 * The portal's ordered list of every value of a server list (a union from the generated API
 * types): `everyOf<Pool>()(['APPLICATIONS', …])`. A value the server adds and the list lacks fails
 * the portal's type check here, so the order is the portal's and the values stay the server's.
 */
export function everyOf<U extends string>() {
  return <const L extends readonly U[]>(
    list: L & ([Exclude<U, L[number]>] extends [never] ? unknown : { missing: Exclude<U, L[number]> }),
  ): L => list;
}
