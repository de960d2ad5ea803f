import { Fragment } from "react";

/**
 * An email address that may wrap only before its "@" and after its dots (<wbr>), never in the
 * middle of a word, however narrow the column.
 */
export function BreakableEmail({ email }: { email: string }) {
  const pieces = email.split(/(?=@)|(?<=\.)/);
  return (
    <>
      {pieces.map((piece, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </>
  );
}
