import type React from 'react';

/** Header of an insights view, in the panel's style. */
export function ViewHeader({
  kicker,
  title,
  children,
}: {
  readonly kicker: string;
  readonly title: string;
  readonly children?: React.ReactNode;
}): React.JSX.Element {
  return (
    <div className="panel-header">
      <div className="panel-header-text">
        <div className="panel-kicker">{kicker}</div>
        <h2 className="panel-title">{title}</h2>
        {children ? <div className="panel-subtitle">{children}</div> : null}
      </div>
    </div>
  );
}

/** A refusal or failure from the backend, said where the result would be. */
export function QueryError({ message }: { readonly message: string }): React.JSX.Element {
  return (
    <div className="form-error" role="alert" data-testid="insights-error">
      <span>{message}</span>
    </div>
  );
}
