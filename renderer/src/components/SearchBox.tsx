/** A list screen's search field; its label is also its placeholder, there being no room for both. */
export function SearchBox(props: { value: string; label: string; onSearch: (query: string) => void; testId: string }) {
  const { value, label, onSearch, testId } = props;
  return (
    <input
      className="input input-search"
      type="search"
      value={value}
      placeholder={label}
      aria-label={label}
      onChange={(e) => onSearch(e.target.value)}
      data-testid={testId}
    />
  );
}
