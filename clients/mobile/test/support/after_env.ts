// A loaded CI machine and a real server: screens may take seconds to show an answer.
import { configure } from "@testing-library/react-native";

configure({ asyncUtilTimeout: 60_000 });
