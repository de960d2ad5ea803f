import { Fragment } from "react";

/**
 * An email address that may wrap where a reader expects it to: after the @ and before each dot,
 * never in the middle of a word (a <wbr> is a break opportunity only; copying gives the address).
 */
export function EmailText({ email }: { email: string }) {
  const parts = email.split(/(?=\.)|(?<=@)/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
