import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Fallback({ message, onReset }: { message: string; onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="crash" role="alert" data-testid="crash">
      <h2>{t('crash.title')}</h2>
      <p>{t('crash.hint')}</p>
      <pre>{message}</pre>
      <div className="row-gap">
        <button type="button" className="btn btn-primary" onClick={onReset}>
          {t('crash.retry')}
        </button>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </button>
      </div>
    </div>
  );
}

/** Never a blank screen: a render error shows what happened and a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null; key: string | undefined }> {
  override state: { error: Error | null; key: string | undefined } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { error: Error | null; key: string | undefined }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('render failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error) return <Fallback message={this.state.error.message} onReset={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
